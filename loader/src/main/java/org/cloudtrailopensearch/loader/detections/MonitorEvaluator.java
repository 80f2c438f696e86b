package org.cloudtrailopensearch.loader.detections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudtrailopensearch.loader.index.JsonCalls;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Runs an OpenSearch Alerting query-level monitor definition (the JSON body of
 * {@code POST _plugins/_alerting/monitors}) once, against a cluster that need not have the Alerting plugin,
 * for a chosen period end: the way to test monitors against real data, and to replay them over history.
 *
 * <p>What it does, following the Alerting plugin's {@code InputService} and {@code TriggerService}:
 * <ol>
 *   <li>The period is {@code [periodEnd - interval, periodEnd]}, as Alerting's interval schedule
 *       ({@code getPeriodEndingAt}) computes it from {@code schedule.period.interval/unit}.</li>
 *   <li>In {@code inputs[0].search.query}, {@code {{period_end}}} and {@code {{period_start}}} are replaced by
 *       the period's epoch milliseconds (Alerting renders the query as a mustache template with exactly these
 *       two parameters, {@code periodEnd.toEpochMilli()} and {@code periodStart.toEpochMilli()}).</li>
 *   <li>The rendered body is sent as {@code POST /<indices>/_search} through the client's generic (raw JSON)
 *       API; the response JSON is {@code ctx.results[0]} (Alerting: {@code searchResponse.convertToMap()}, whose
 *       {@code hits.total} is the same {@code {value, relation}} object the REST API returns).</li>
 *   <li>Each trigger's {@code condition.script} (painless) runs on the node through the Painless execute API
 *       ({@code POST _scripts/painless/_execute}, default {@code painless_test} context). That API has no
 *       {@code ctx} variable, only {@code params}, so every identifier {@code ctx} in the source is rewritten
 *       to {@code params.ctx} (see {@link #painlessSource(String)}) and {@code params.ctx} is
 *       {@code {results: [response], periodStart, periodEnd, monitor: {name}, trigger: {name, severity}}}. The
 *       script's value must be {@code true} or {@code false}.</li>
 * </ol>
 *
 * <p>Differences from the Alerting plugin, precisely:
 * <ul>
 *   <li>Mustache: only {@code {{period_end}}} and {@code {{period_start}}} (spaces inside the braces allowed)
 *       are substituted, textually; any other {@code {{...}}} in the query is rejected instead of being
 *       rendered. Alerting also normalises the query through {@code SearchSourceBuilder} before rendering,
 *       which does not change its meaning.</li>
 *   <li>Only {@code schedule.period} (interval) schedules; a {@code cron} schedule is rejected, because its
 *       period start depends on the previous cron fire time.</li>
 *   <li>Only the first input, and only a {@code search} input; no bucket-level or document-level monitors,
 *       no cluster-metrics inputs, no workflows. The search has no {@code preference=_primary_first} and no
 *       backend-role filter (Alerting adds them), which changes nothing on a cluster without the security
 *       plugin.</li>
 *   <li>The condition runs in the {@code painless_test} context, not Alerting's trigger context: the same
 *       language and the same map/list access, but {@code ctx} is a plain map of JSON values (numbers as
 *       Integer/Long/Double as the node parses them), {@code ctx.periodStart}/{@code ctx.periodEnd} are
 *       ISO-8601 strings, {@code ctx.monitor} carries only the name, and {@code ctx.alert}/{@code ctx.error}
 *       are absent. The rewrite of {@code ctx} is textual: a string literal containing the word {@code ctx}
 *       would be rewritten too.</li>
 *   <li>Actions, throttling, alert state (active/acknowledged/completed) and the error trigger are not
 *       modelled: the result says only whether each trigger's condition held.</li>
 * </ul>
 * The search needs nothing beyond the query DSL the monitor uses (a {@code script} query needs painless);
 * the trigger evaluation needs the {@code lang-painless} module, which every OpenSearch distribution with the
 * Alerting plugin has, but minimal builds such as the 2.x integ-test zip lack ({@link #painlessAvailable()}).
 */
public final class MonitorEvaluator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MUSTACHE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    /** {@code ctx} as an identifier of its own: not preceded by a name character or a dot, not followed by one. */
    private static final Pattern CTX = Pattern.compile("(?<![\\w.$])ctx(?![\\w$])");

    private final OpenSearchGenericClient http;
    private Boolean painless;

    public MonitorEvaluator(OpenSearchClient client) {
        this.http = Objects.requireNonNull(client, "client").generic();
    }

    /** One trigger's outcome. */
    public record TriggerResult(String name, String severity, boolean fired) {
    }

    /**
     * One run of a monitor.
     *
     * @param name        the monitor's {@code name}
     * @param periodStart start of the searched period ({@code periodEnd - interval})
     * @param periodEnd   the period end the run was made for
     * @param hits        {@code hits.total.value} of the search response
     * @param triggers    every trigger, in the monitor's order
     */
    public record MonitorResult(String name, Instant periodStart, Instant periodEnd, long hits,
                                List<TriggerResult> triggers) {
        public MonitorResult {
            triggers = List.copyOf(triggers);
        }

        /** Whether any trigger fired. */
        public boolean fired() {
            return triggers.stream().anyMatch(TriggerResult::fired);
        }

        /** Whether the trigger with this name fired. */
        public boolean fired(String triggerName) {
            return triggers.stream().filter(t -> t.name().equals(triggerName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no trigger " + triggerName + " in " + name))
                    .fired();
        }
    }

    /** The search part of a run: the response that triggers see as {@code ctx.results[0]}. */
    public record SearchOutcome(String name, Instant periodStart, Instant periodEnd, long hits, String responseJson) {

        /** The response as a tree (a fresh copy on every call). */
        public JsonNode response() {
            return readTree(responseJson);
        }
    }

    /**
     * Runs the monitor's search for the period ending at {@code periodEnd}, then every trigger condition.
     *
     * @throws IOException              the node refused the search or a script (message holds the node's answer)
     * @throws IllegalArgumentException the JSON is not a query-level monitor this class can run
     */
    public MonitorResult evaluate(String monitorJson, Instant periodEnd) throws IOException {
        JsonNode monitor = readTree(monitorJson);
        SearchOutcome search = search(monitor, periodEnd);
        List<TriggerResult> results = new ArrayList<>();
        for (JsonNode trigger : triggers(monitor)) {
            results.add(new TriggerResult(trigger.path("name").asText(), trigger.path("severity").asText(),
                    condition(trigger, search, monitor)));
        }
        return new MonitorResult(search.name(), search.periodStart(), search.periodEnd(), search.hits(), results);
    }

    /** Only the search of {@link #evaluate}: usable where the node has no painless for the conditions. */
    public SearchOutcome search(String monitorJson, Instant periodEnd) throws IOException {
        return search(readTree(monitorJson), periodEnd);
    }

    /** Whether the node runs painless scripts (the trigger conditions need it); asked once, then remembered. */
    public boolean painlessAvailable() throws IOException {
        if (painless == null) {
            String body = "{\"script\":{\"source\":\"return true\"}}";
            try (Response response = http.execute(Requests.builder().endpoint("/_scripts/painless/_execute")
                    .method("POST").json(body).build())) {
                painless = response.getStatus() == 200;
            }
        }
        return painless;
    }

    private SearchOutcome search(JsonNode monitor, Instant periodEnd) throws IOException {
        Objects.requireNonNull(periodEnd, "periodEnd");
        String type = monitor.path("monitor_type").asText("query_level_monitor");
        if (!type.equals("query_level_monitor")) {
            throw new IllegalArgumentException("only query_level_monitor can be evaluated, not " + type);
        }
        JsonNode search = monitor.path("inputs").path(0).path("search");
        if (!search.path("query").isObject() || !search.path("indices").isArray() || search.path("indices").isEmpty()) {
            throw new IllegalArgumentException("the monitor's inputs[0] is not a search input with indices and query");
        }
        Instant periodStart = periodEnd.minus(interval(monitor.path("schedule")));
        String body = renderQuery(search.path("query").toString(), periodStart, periodEnd);
        List<String> indices = new ArrayList<>();
        search.path("indices").forEach(index -> indices.add(index.asText()));
        String endpoint = "/" + String.join(",", indices) + "/_search";
        String response = JsonCalls.call(http, "POST", endpoint, body);
        long hits = readTree(response).path("hits").path("total").path("value").asLong();
        return new SearchOutcome(monitor.path("name").asText(), periodStart, periodEnd, hits, response);
    }

    private boolean condition(JsonNode trigger, SearchOutcome search, JsonNode monitor) throws IOException {
        JsonNode script = trigger.path("condition").path("script");
        String lang = script.path("lang").asText("painless");
        if (!lang.equals("painless")) {
            throw new IllegalArgumentException("trigger " + trigger.path("name").asText() + ": only painless conditions, not " + lang);
        }
        ObjectNode ctx = JSON.createObjectNode();
        ctx.putArray("results").add(search.response());
        ctx.put("periodStart", search.periodStart().toString());
        ctx.put("periodEnd", search.periodEnd().toString());
        ctx.putObject("monitor").put("name", monitor.path("name").asText());
        ctx.putObject("trigger").put("name", trigger.path("name").asText()).put("severity", trigger.path("severity").asText());
        ObjectNode request = JSON.createObjectNode();
        ObjectNode body = request.putObject("script");
        body.put("source", painlessSource(script.path("source").asText()));
        ObjectNode params = body.putObject("params");
        if (script.path("params").isObject()) {
            params.setAll((ObjectNode) script.path("params").deepCopy());
        }
        params.set("ctx", ctx);
        String answer = JsonCalls.call(http, "POST", "/_scripts/painless/_execute", request.toString());
        String result = readTree(answer).path("result").asText();
        return switch (result) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IOException("trigger " + trigger.path("name").asText()
                    + ": the condition returned " + result + ", not a boolean");
        };
    }

    private static List<JsonNode> triggers(JsonNode monitor) {
        List<JsonNode> triggers = new ArrayList<>();
        for (JsonNode trigger : monitor.path("triggers")) {
            // The API accepts the flat form and the typed wrapper that GET returns.
            triggers.add(trigger.has("query_level_trigger") ? trigger.get("query_level_trigger") : trigger);
        }
        return triggers;
    }

    /** The schedule's period as a duration ({@code {"period": {"interval": 15, "unit": "MINUTES"}}}). */
    static Duration interval(JsonNode schedule) {
        JsonNode period = schedule.path("period");
        if (!period.isObject()) {
            throw new IllegalArgumentException("only schedule.period (interval) schedules can be evaluated: " + schedule);
        }
        long interval = period.path("interval").asLong();
        if (interval <= 0) {
            throw new IllegalArgumentException("schedule.period.interval must be positive: " + schedule);
        }
        return switch (period.path("unit").asText().toUpperCase(Locale.ROOT)) {
            case "MINUTES" -> Duration.ofMinutes(interval);
            case "HOURS" -> Duration.ofHours(interval);
            case "DAYS" -> Duration.ofDays(interval);
            default -> throw new IllegalArgumentException("unsupported schedule unit: " + schedule);
        };
    }

    /** Substitutes {@code {{period_end}}} and {@code {{period_start}}} with epoch milliseconds. */
    static String renderQuery(String query, Instant periodStart, Instant periodEnd) {
        Matcher matcher = MUSTACHE.matcher(query);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "period_end" -> Long.toString(periodEnd.toEpochMilli());
                case "period_start" -> Long.toString(periodStart.toEpochMilli());
                default -> throw new IllegalArgumentException("unsupported template variable {{" + matcher.group(1)
                        + "}} (only period_start and period_end)");
            };
            matcher.appendReplacement(rendered, value);
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /** The trigger condition for the Painless execute API: {@code ctx} becomes {@code params.ctx}. */
    static String painlessSource(String condition) {
        return CTX.matcher(condition).replaceAll("params.ctx");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
