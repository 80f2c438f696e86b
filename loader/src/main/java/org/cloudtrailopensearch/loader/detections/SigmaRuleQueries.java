package org.cloudtrailopensearch.loader.detections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cloudtrailopensearch.loader.index.JsonCalls;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;

/**
 * The Security Analytics (Sigma) rules for CloudTrail that the project ships translated into Lucene queries
 * ({@code security-analytics/sigma-rules.json} of the dashboards-ndjson module), and a way to run them: each
 * query as a {@code query_string} over the {@code cloudtrail} alias, the same field names a Security Analytics
 * detector with log type {@code cloudtrail} uses (the index template defines them as aliases of the ECS
 * fields).
 */
public final class SigmaRuleQueries {

    /** Classpath location of the translated rules inside the dashboards-ndjson jar. */
    public static final String RESOURCE = "/org/cloudtrailopensearch/dashboards/security-analytics/sigma-rules.json";
    /** The read alias every CloudTrail index carries. */
    public static final String DEFAULT_INDEX = "cloudtrail";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One translated rule.
     *
     * @param id     the Sigma rule id (as in Security Analytics)
     * @param level  Sigma level (informational, low, medium, high, critical)
     * @param source where the rule was read (repository, path, commit)
     * @param query  Lucene query-string syntax over Security Analytics' cloudtrail field names
     * @param notes  what the translation had to decide
     */
    public record SigmaRule(String id, String title, String level, String source, String query, List<String> notes) {
        public SigmaRule {
            notes = List.copyOf(notes);
        }
    }

    private final OpenSearchGenericClient http;
    private final String index;

    /** Runs the rules against the {@code cloudtrail} alias. */
    public SigmaRuleQueries(OpenSearchClient client) {
        this(client, DEFAULT_INDEX);
    }

    public SigmaRuleQueries(OpenSearchClient client, String index) {
        this.http = Objects.requireNonNull(client, "client").generic();
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The shipped rules, in file order. */
    public static List<SigmaRule> rules() {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " (build the dashboards-ndjson module)");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a {@code sigma-rules.json} array. */
    public static List<SigmaRule> parse(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("sigma rules are not JSON: " + e.getMessage(), e);
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("sigma rules must be a JSON array");
        }
        List<SigmaRule> rules = new ArrayList<>();
        for (JsonNode rule : array) {
            List<String> notes = new ArrayList<>();
            JsonNode notesNode = rule.path("notes");
            if (notesNode.isArray()) {
                notesNode.forEach(note -> notes.add(note.asText()));
            } else if (notesNode.isTextual()) {
                notes.add(notesNode.asText());
            }
            rules.add(new SigmaRule(text(rule, "id"), text(rule, "title"), text(rule, "level"), text(rule, "source"),
                    text(rule, "query"), notes));
        }
        return List.copyOf(rules);
    }

    /** How many documents the rule's query matches. */
    public long count(SigmaRule rule) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", queryString(rule));
        return JSON.readTree(JsonCalls.call(http, "POST", "/" + index + "/_count", body.toString())).path("count").asLong();
    }

    /** The {@code event.id} of up to {@code max} matching documents, newest first. */
    public List<String> matchingEventIds(SigmaRule rule, int max) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", max);
        body.putArray("_source").add("event.id");
        body.putArray("sort").addObject().putObject("@timestamp").put("order", "desc");
        body.set("query", queryString(rule));
        JsonNode response = JSON.readTree(JsonCalls.call(http, "POST", "/" + index + "/_search", body.toString()));
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            JsonNode id = hit.path("_source").path("event").path("id");
            if (id.isMissingNode()) {
                id = hit.path("_source").path("event.id");
            }
            if (!id.isMissingNode()) {
                ids.add(id.asText());
            }
        }
        return List.copyOf(ids);
    }

    /** The query a detector-like search sends: {@code {"query_string": {"query": ...}}}. */
    public static ObjectNode queryString(SigmaRule rule) {
        ObjectNode query = JSON.createObjectNode();
        query.putObject("query_string").put("query", rule.query());
        return query;
    }

    private static String text(JsonNode rule, String field) {
        JsonNode value = rule.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("sigma rule " + rule.path("id").asText("?") + " has no " + field);
        }
        return value.asText();
    }
}
