package org.cloudtrailopensearch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Alerting monitor in {@code monitors/} is a complete query-level monitor body, agrees with
 * {@code monitors/index.txt}, and queries only fields the index template maps with a type that supports
 * the use (search, aggregation, script doc access).
 */
class MonitorDefinitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MONITORS = Path.of("monitors");
    private static final Pattern WINDOW = Pattern.compile("\\{\\{period_end}}\\|\\|-(\\d+)([mh])");
    private static final Pattern DOC_ACCESS = Pattern.compile("doc\\['([^']+)']");
    private static final Pattern AGG_IN_CONDITION = Pattern.compile("ctx\\.results\\[0]\\.aggregations\\.(\\w+)\\.");
    private static final Set<String> SEARCHABLE = Set.of("keyword", "boolean", "date", "ip", "long", "integer",
            "short", "byte", "double", "float", "text", "match_only_text", "wildcard", "constant_keyword", "geo_point");
    private static final Set<String> WITH_DOC_VALUES = Set.of("keyword", "boolean", "date", "ip", "long", "integer",
            "short", "byte", "double", "float", "constant_keyword");

    @Test
    void indexListsExactlyTheMonitorFiles() throws IOException {
        List<String> listed = listedIds();
        assertEquals(new HashSet<>(listed).size(), listed.size(), "index.txt lists an id twice: " + listed);
        Set<String> files = new TreeSet<>();
        try (Stream<Path> paths = Files.list(MONITORS)) {
            paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> files.add(n.substring(0, n.length() - ".json".length())));
        }
        assertEquals(files, new TreeSet<>(listed), "monitors/*.json and monitors/index.txt disagree");
        assertTrue(listed.size() >= 13, "expected the full monitor set, found " + listed);
    }

    @Test
    void theJarCarriesTheSameMonitors() throws IOException {
        List<DashboardAssets.Monitor> packaged = DashboardAssets.monitors();
        assertEquals(listedIds(), packaged.stream().map(DashboardAssets.Monitor::id).toList());
        for (DashboardAssets.Monitor monitor : packaged) {
            assertEquals(JSON.readTree(Files.readString(MONITORS.resolve(monitor.id() + ".json"))),
                    JSON.readTree(monitor.json()), monitor.id());
        }
    }

    @Test
    void everyMonitorIsACompleteQueryLevelMonitor() throws IOException {
        Set<String> names = new HashSet<>();
        for (String id : listedIds()) {
            JsonNode monitor = read(id);
            assertEquals("monitor", monitor.path("type").asText(), id);
            assertEquals("query_level_monitor", monitor.path("monitor_type").asText(), id);
            String name = monitor.path("name").asText();
            assertFalse(name.isBlank(), id + ": name");
            assertTrue(names.add(name), id + ": name not unique: " + name);
            assertTrue(monitor.path("enabled").isBoolean(), id + ": enabled");
            JsonNode period = monitor.path("schedule").path("period");
            assertTrue(period.path("interval").isInt() && period.path("interval").asInt() > 0, id + ": schedule.period.interval");
            assertTrue(Set.of("MINUTES", "HOURS").contains(period.path("unit").asText()), id + ": schedule.period.unit");

            assertEquals(1, monitor.path("inputs").size(), id + ": one input");
            JsonNode search = monitor.path("inputs").path(0).path("search");
            assertEquals(List.of("cloudtrail"), texts(search.path("indices")), id + ": indices");
            JsonNode query = search.path("query");
            assertTrue(query.path("query").isObject(), id + ": inputs[0].search.query.query");
            assertWindowMatchesSchedule(id, query, period);

            JsonNode triggers = monitor.path("triggers");
            assertTrue(triggers.isArray() && !triggers.isEmpty(), id + ": triggers");
            Set<String> triggerNames = new HashSet<>();
            for (JsonNode trigger : triggers) {
                assertTrue(triggerNames.add(trigger.path("name").asText()), id + ": trigger names unique");
                assertFalse(trigger.path("name").asText().isBlank(), id + ": trigger name");
                assertTrue(Set.of("1", "2", "3", "4", "5").contains(trigger.path("severity").asText()), id + ": severity");
                JsonNode script = trigger.path("condition").path("script");
                assertEquals("painless", script.path("lang").asText(), id + ": condition lang");
                String source = script.path("source").asText();
                assertTrue(source.contains("ctx.results[0]"), id + ": the condition reads the search result: " + source);
                Matcher agg = AGG_IN_CONDITION.matcher(source);
                while (agg.find()) {
                    assertTrue(query.path("aggregations").has(agg.group(1)),
                            id + ": the condition reads aggregation " + agg.group(1) + " that the query does not define");
                }
                assertTrue(trigger.path("actions").isMissingNode() || trigger.path("actions").isEmpty(),
                        id + ": monitors ship without actions (users add their channel)");
            }
        }
    }

    @Test
    void everyQueriedFieldIsMappedWithAFittingType() throws IOException {
        TemplateFields template = TemplateFields.ofIndexTemplate();
        List<String> problems = new ArrayList<>();
        for (String id : listedIds()) {
            JsonNode query = read(id).path("inputs").path(0).path("search").path("query");
            FieldUses uses = new FieldUses();
            uses.collectQuery(query.path("query"));
            for (JsonNode aggregation : iterable(query.path("aggregations"))) {
                uses.aggregated.add(aggregation.path("terms").path("field").asText());
            }
            for (JsonNode sort : query.path("sort")) {
                sort.fieldNames().forEachRemaining(uses.aggregated::add);
            }
            for (JsonNode include : query.path("_source").path("includes")) {
                uses.shown.add(include.asText());
            }
            for (String field : uses.searched) {
                String type = template.type(field).orElse(null);
                if (type == null || !SEARCHABLE.contains(type) || !template.indexed(field)) {
                    problems.add(id + ": searches " + field + " (" + type + ")");
                }
            }
            for (String field : uses.aggregated) {
                String type = template.type(field).orElse(null);
                if (type == null || !WITH_DOC_VALUES.contains(type)) {
                    problems.add(id + ": aggregates, sorts or reads doc values of " + field + " (" + type + ")");
                }
            }
            for (Map.Entry<String, Boolean> bool : uses.booleanTerms.entrySet()) {
                if (!"boolean".equals(template.type(bool.getKey()).orElse(null))) {
                    problems.add(id + ": term " + bool.getValue() + " on the non-boolean " + bool.getKey());
                }
            }
            for (String field : uses.shown) {
                if (template.type(field).isEmpty()) {
                    problems.add(id + ": _source includes unmapped " + field);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void assertWindowMatchesSchedule(String id, JsonNode query, JsonNode period) {
        JsonNode range = findRange(query.path("query"));
        if (range == null) {
            fail(id + ": no range filter on @timestamp");
        }
        assertEquals("{{period_end}}", range.path("lte").asText(), id + ": range ends at {{period_end}}");
        assertEquals("epoch_millis", range.path("format").asText(), id + ": range format");
        String from = range.path("gt").asText(range.path("gte").asText());
        Matcher window = WINDOW.matcher(from);
        assertTrue(window.matches(), id + ": range starts at {{period_end}}||-<window>: " + from);
        long minutes = Long.parseLong(window.group(1)) * (window.group(2).equals("h") ? 60 : 1);
        long interval = period.path("interval").asLong() * (period.path("unit").asText().equals("HOURS") ? 60 : 1);
        assertEquals(interval, minutes, id + ": the window equals the schedule interval");
    }

    private static JsonNode findRange(JsonNode node) {
        if (node.isObject()) {
            JsonNode range = node.path("range").path("@timestamp");
            if (range.isObject()) {
                return range;
            }
            for (JsonNode child : node) {
                JsonNode found = findRange(child);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                JsonNode found = findRange(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static List<String> listedIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(MONITORS.resolve("index.txt"), StandardCharsets.UTF_8)) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static JsonNode read(String id) throws IOException {
        return JSON.readTree(Files.readString(MONITORS.resolve(id + ".json")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Iterable<JsonNode> iterable(JsonNode object) {
        return object::elements;
    }

    /** The fields a query DSL tree searches, and how. */
    private static final class FieldUses {
        final Set<String> searched = new LinkedHashSet<>();
        final Set<String> aggregated = new LinkedHashSet<>();
        final Set<String> shown = new LinkedHashSet<>();
        final Map<String, Boolean> booleanTerms = new TreeMap<>();

        void collectQuery(JsonNode node) {
            if (node.isArray()) {
                node.forEach(this::collectQuery);
                return;
            }
            if (!node.isObject()) {
                return;
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode body = entry.getValue();
                switch (entry.getKey()) {
                    case "term", "terms", "prefix", "wildcard", "range", "match", "match_phrase" -> body.fieldNames()
                            .forEachRemaining(field -> {
                                if (!field.equals("boost")) {
                                    searched.add(field);
                                    JsonNode value = body.get(field);
                                    if (entry.getKey().equals("term") && value.isBoolean()) {
                                        booleanTerms.put(field, value.asBoolean());
                                    }
                                }
                            });
                    case "exists" -> searched.add(body.path("field").asText());
                    case "script" -> {
                        Matcher doc = DOC_ACCESS.matcher(body.path("script").path("source").asText());
                        while (doc.find()) {
                            aggregated.add(doc.group(1));
                        }
                    }
                    default -> collectQuery(body);
                }
            }
        }
    }
}
