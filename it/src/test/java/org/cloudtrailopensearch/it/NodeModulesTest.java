package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The test node has the modules a real cluster has and the dashboards, Alerting triggers and queue-mode integrity
 * re-marks need: lang-painless (scripts, {@code moving_fn}), geo ({@code geohash_grid} for coordinate maps) and
 * reindex ({@code _update_by_query}). The 2.x integ-test zip lacks all three, so the node launcher adds them from Maven Central; the 3.x zip ships them. Runs on both versions.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class NodeModulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "it-modules";

    @Test
    void nodeListsLangPainlessAndGeoAmongItsModules(OpenSearchCluster cluster) throws IOException {
        JsonNode nodes = call(cluster, "GET", "/_nodes/plugins", null).path("nodes");

        assertEquals(1, nodes.size(), nodes.toString());
        Set<String> modules = new HashSet<>();
        nodes.elements().next().path("modules").forEach(module -> modules.add(module.path("name").asText()));
        assertTrue(modules.containsAll(Set.of("lang-painless", "geo", "reindex")), "modules: " + modules);
    }

    @Test
    void painlessExecuteApiRunsAScript(OpenSearchCluster cluster) throws IOException {
        JsonNode result = call(cluster, "POST", "/_scripts/painless/_execute",
                "{\"script\":{\"source\":\"params.a * 2\",\"params\":{\"a\":21}}}");

        assertEquals("42", result.path("result").asText(), result.toString());
    }

    @Test
    void scriptQueryFiltersWithPainless(OpenSearchCluster cluster) throws IOException {
        indexSample(cluster);

        JsonNode result = call(cluster, "POST", "/" + INDEX + "/_search", """
                {"size": 0, "track_total_hits": true,
                 "query": {"script": {"script": {"source": "doc['amount'].value > params.min", "params": {"min": 15}}}}}""");

        assertEquals(2, result.path("hits").path("total").path("value").asInt(), result.toString());
    }

    @Test
    void geohashGridAggregatesGeoPoints(OpenSearchCluster cluster) throws IOException {
        indexSample(cluster);

        JsonNode result = call(cluster, "POST", "/" + INDEX + "/_search", """
                {"size": 0, "aggs": {"cells": {"geohash_grid": {"field": "location", "precision": 3}}}}""");

        JsonNode buckets = result.path("aggregations").path("cells").path("buckets");
        assertEquals(2, buckets.size(), result.toString());
        assertEquals("u33", buckets.get(0).path("key").asText(), "Berlin's cell holds two of the three points: " + buckets);
        assertEquals(2, buckets.get(0).path("doc_count").asInt(), buckets.toString());
    }

    @Test
    void movingFnWithUnweightedAvgRunsUnderADateHistogram(OpenSearchCluster cluster) throws IOException {
        indexSample(cluster);

        JsonNode result = call(cluster, "POST", "/" + INDEX + "/_search", """
                {"size": 0, "aggs": {"per_day": {
                  "date_histogram": {"field": "@timestamp", "fixed_interval": "1d"},
                  "aggs": {"total": {"sum": {"field": "amount"}},
                           "moving": {"moving_fn": {"buckets_path": "total", "window": 2,
                                                    "script": "MovingFunctions.unweightedAvg(values)"}}}}}}""");

        JsonNode buckets = result.path("aggregations").path("per_day").path("buckets");
        assertEquals(3, buckets.size(), result.toString());
        // The window ends before the current bucket: day 3 averages days 1 and 2.
        assertEquals(15.0, buckets.get(2).path("moving").path("value").asDouble(), buckets.toString());
        assertEquals(10.0, buckets.get(1).path("moving").path("value").asDouble(), buckets.toString());
    }

    /** Three documents on three days: two in Berlin, one in New York. */
    private static void indexSample(OpenSearchCluster cluster) throws IOException {
        call(cluster, "PUT", "/" + INDEX, """
                {"mappings": {"properties": {"@timestamp": {"type": "date"}, "amount": {"type": "long"},
                                             "location": {"type": "geo_point"}}}}""");
        String bulk = """
                {"index": {}}
                {"@timestamp": "2026-01-01T10:00:00Z", "amount": 10, "location": {"lat": 52.52, "lon": 13.40}}
                {"index": {}}
                {"@timestamp": "2026-01-02T10:00:00Z", "amount": 20, "location": {"lat": 52.50, "lon": 13.45}}
                {"index": {}}
                {"@timestamp": "2026-01-03T10:00:00Z", "amount": 30, "location": {"lat": 40.71, "lon": -74.01}}
                """;
        try (Response response = cluster.client().generic().execute(Requests.builder().method("POST")
                .endpoint("/" + INDEX + "/_bulk?refresh=true")
                .body(Body.from(bulk.getBytes(StandardCharsets.UTF_8), "application/x-ndjson")).build())) {
            String body = response.getBody().orElseThrow().bodyAsString();
            assertEquals(200, response.getStatus(), body);
            assertFalse(JSON.readTree(body).path("errors").asBoolean(), body);
        }
    }

    private static JsonNode call(OpenSearchCluster cluster, String method, String endpoint, String json) throws IOException {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (json != null) {
            request.json(json);
        }
        try (Response response = cluster.client().generic().execute(request.build())) {
            String body = response.getBody().map(Body::bodyAsString).orElse("");
            assertEquals(200, response.getStatus(), method + " " + endpoint + " answered: " + body);
            return JSON.readTree(body);
        }
    }
}
