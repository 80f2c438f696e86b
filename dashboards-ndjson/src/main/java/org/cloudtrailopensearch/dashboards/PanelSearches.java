package org.cloudtrailopensearch.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search a panel sends when OpenSearch Dashboards draws it, rebuilt from the saved object itself: its Lucene
 * query as {@code query_string} (with {@code analyze_wildcard}, as Dashboards sends it), the dashboard's time range
 * as a filter on {@code @timestamp}, and its aggregations nested in the order Dashboards nests them. Used to run
 * every panel against a real cluster and to list the fields a panel needs.
 *
 * <p>What this leaves out of Dashboards' request: the geohash grid's collar filter and centroid, the "other"
 * bucket and the shard-size heuristics of terms. None of them changes whether or which buckets come back.
 */
public final class PanelSearches {

    /** Words that name fields in a Lucene query: {@code field:} (not inside quotes, which the caller strips). */
    private static final Pattern QUERY_FIELD = Pattern.compile("(?<![\\w.\\\\])([A-Za-z@_][\\w.@]*)\\s*:");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private PanelSearches() {
    }

    /** The search body of a visualization or saved search over {@code [from, to]}. */
    public static ObjectNode searchBody(JsonNode savedObject, Instant from, Instant to) {
        String type = savedObject.path("type").asText();
        JsonNode searchSource = parse(savedObject.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"));
        ObjectNode body = Json.object();
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("range").putObject("@timestamp")
                .put("gte", from.toString()).put("lte", to.toString()).put("format", "strict_date_optional_time");
        String query = searchSource.path("query").path("query").asText("");
        if (!query.isBlank()) {
            bool.putArray("must").addObject().putObject("query_string").put("query", query).put("analyze_wildcard", true);
        }
        body.put("track_total_hits", true);
        if (type.equals("search")) {
            body.put("size", 10);
            body.putArray("sort").addObject().put("@timestamp", "desc");
            return body;
        }
        body.put("size", 0);
        JsonNode visState = visState(savedObject);
        if (visState.path("type").asText().equals("input_control_vis")) {
            ObjectNode aggs = body.putObject("aggs");
            for (JsonNode control : visState.path("params").path("controls")) {
                aggs.putObject("control_" + control.path("id").asText()).putObject("terms")
                        .put("field", control.path("fieldName").asText()).put("size", control.path("options").path("size").asInt(5));
            }
            return body;
        }
        addAggregations(body, visState.path("aggs"));
        return body;
    }

    /**
     * Why a panel's search response would draw nothing, or empty when it shows data: an error, no matching event,
     * or a bucket aggregation without a non-empty bucket.
     */
    public static Optional<String> whyEmpty(JsonNode response) {
        if (response.has("error")) {
            return Optional.of("the search failed: " + response.path("error"));
        }
        if (response.path("_shards").path("failed").asInt() > 0) {
            return Optional.of("shards failed: " + response.path("_shards"));
        }
        if (response.path("hits").path("total").path("value").asLong() == 0) {
            return Optional.of("no matching events");
        }
        for (Map.Entry<String, JsonNode> aggregation : response.path("aggregations").properties()) {
            JsonNode value = aggregation.getValue();
            JsonNode buckets = value.path("buckets");
            boolean any = buckets.isObject() && !buckets.isEmpty();
            for (JsonNode bucket : buckets.isArray() ? buckets : Json.array()) {
                any |= bucket.path("doc_count").asLong() > 0;
            }
            if (value.has("buckets") && !any) {
                return Optional.of("aggregation " + aggregation.getKey() + " has no non-empty bucket");
            }
            if (value.has("value") && !(value.path("value").asDouble() > 0)) {
                return Optional.of("metric " + aggregation.getKey() + " is " + value.path("value"));
            }
        }
        return Optional.empty();
    }

    /** The parsed {@code visState} of a visualization. */
    public static JsonNode visState(JsonNode savedObject) {
        return parse(savedObject.path("attributes").path("visState").asText("{}"));
    }

    /** The panel's Lucene query ("" for all events). */
    public static String query(JsonNode savedObject) {
        return parse(savedObject.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"))
                .path("query").path("query").asText("");
    }

    /** Fields the panel aggregates on: aggregation fields and control fields. */
    public static Set<String> aggregatedFields(JsonNode savedObject) {
        Set<String> fields = new LinkedHashSet<>();
        if (!savedObject.path("type").asText().equals("visualization")) {
            return fields;
        }
        JsonNode visState = visState(savedObject);
        for (JsonNode agg : visState.path("aggs")) {
            String field = agg.path("params").path("field").asText("");
            if (!field.isEmpty()) {
                fields.add(field);
            }
        }
        for (JsonNode control : visState.path("params").path("controls")) {
            fields.add(control.path("fieldName").asText());
        }
        return fields;
    }

    /** Fields a saved search shows as columns. */
    public static Set<String> columnFields(JsonNode savedObject) {
        Set<String> fields = new LinkedHashSet<>();
        savedObject.path("attributes").path("columns").forEach(column -> fields.add(column.asText()));
        return fields;
    }

    /** Fields named in a Lucene query ({@code _exists_} excepted, its argument included). */
    public static Set<String> queryFields(String luceneQuery) {
        Set<String> fields = new LinkedHashSet<>();
        Matcher exists = Pattern.compile("_exists_:([\\w.@]+)").matcher(luceneQuery);
        while (exists.find()) {
            fields.add(exists.group(1));
        }
        Matcher matcher = QUERY_FIELD.matcher(QUOTED.matcher(luceneQuery).replaceAll("\"\""));
        while (matcher.find()) {
            if (!matcher.group(1).equals("_exists_")) {
                fields.add(matcher.group(1));
            }
        }
        return fields;
    }

    /** Bucket aggregations nest in their order in visState; metrics and pipelines go into the innermost level. */
    private static void addAggregations(ObjectNode body, JsonNode aggs) {
        List<JsonNode> buckets = new ArrayList<>();
        List<JsonNode> metrics = new ArrayList<>();
        for (JsonNode agg : aggs) {
            if (agg.path("schema").asText().equals("metric")) {
                metrics.add(agg);
            } else {
                buckets.add(agg);
            }
        }
        boolean countMetric = metrics.stream().anyMatch(m -> m.path("id").asText().equals("1") && m.path("type").asText().equals("count"));
        ObjectNode level = body;
        for (JsonNode bucket : buckets) {
            ObjectNode node = level.putObject("aggs").putObject(bucket.path("id").asText());
            node.set(bucket.path("type").asText(), bucketParams(bucket, countMetric));
            level = node;
        }
        ObjectNode innermost = null;
        for (JsonNode metric : metrics) {
            String type = metric.path("type").asText();
            JsonNode params = metric.path("params");
            ObjectNode definition;
            switch (type) {
                case "count" -> {
                    continue;
                }
                case "cardinality" -> {
                    definition = Json.object();
                    definition.putObject("cardinality").put("field", params.path("field").asText());
                }
                case "moving_avg" -> {
                    String path = params.path("metricAgg").asText().equals("1") && countMetric ? "_count" : params.path("metricAgg").asText();
                    definition = Json.object();
                    definition.putObject("moving_fn").put("buckets_path", path).put("window", params.path("window").asInt(5))
                            .put("script", params.path("script").asText("MovingFunctions.unweightedAvg(values)"));
                }
                default -> throw new IllegalArgumentException("metric aggregation " + type + " is not supported here");
            }
            if (innermost == null) {
                innermost = level.has("aggs") ? (ObjectNode) level.get("aggs") : level.putObject("aggs");
            }
            innermost.set(metric.path("id").asText(), definition);
        }
    }

    private static ObjectNode bucketParams(JsonNode bucket, boolean countMetric) {
        JsonNode params = bucket.path("params");
        ObjectNode out = Json.object();
        String type = bucket.path("type").asText();
        switch (type) {
            case "terms" -> {
                out.put("field", params.path("field").asText()).put("size", params.path("size").asInt(10));
                String orderBy = params.path("orderBy").asText("1");
                out.putObject("order").put(orderBy.equals("1") && countMetric ? "_count" : orderBy, params.path("order").asText("desc"));
            }
            case "date_histogram" -> out.put("field", params.path("field").asText()).put("fixed_interval", params.path("interval").asText())
                    .put("min_doc_count", params.path("min_doc_count").asInt(1)).put("time_zone", "UTC");
            case "geohash_grid" -> out.put("field", params.path("field").asText()).put("precision", params.path("precision").asInt(2));
            case "date_range" -> {
                out.put("field", params.path("field").asText());
                out.set("ranges", params.path("ranges").deepCopy());
            }
            default -> throw new IllegalArgumentException("bucket aggregation " + type + " is not supported here");
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
