package org.cloudtrailopensearch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The search a saved panel turns into, and when a response counts as showing nothing. */
class PanelSearchesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void anOutlierPanelIsAnHourlyHistogramWithEmptyBucketsAndTwoMovingFunctionsOverTheCount() throws IOException {
        JsonNode body = PanelSearches.searchBody(panel("cloudtrail-console-logins--outlier-failed-login"), FROM, TO);
        JsonNode histogram = body.path("aggs").path("2");
        assertEquals("1h", histogram.path("date_histogram").path("fixed_interval").asText());
        assertEquals(0, histogram.path("date_histogram").path("min_doc_count").asInt(), "moving_fn needs every bucket");
        assertEquals("_count", histogram.path("aggs").path("3").path("moving_fn").path("buckets_path").asText());
        assertEquals(10, histogram.path("aggs").path("4").path("moving_fn").path("window").asInt());
        assertEquals("event.action:ConsoleLogin AND event.outcome:failure",
                body.path("query").path("bool").path("must").path(0).path("query_string").path("query").asText());
        assertEquals(FROM.toString(), body.path("query").path("bool").path("filter").path(0).path("range").path("@timestamp").path("gte").asText());
    }

    @Test
    void aUniqueCountTableOrdersItsTermsByThatCount() throws IOException {
        JsonNode body = PanelSearches.searchBody(panel("cloudtrail-console-logins--logins-from-multiple-ip"), FROM, TO);
        JsonNode terms = body.path("aggs").path("2");
        assertEquals("user.name", terms.path("terms").path("field").asText());
        assertEquals("desc", terms.path("terms").path("order").path("1").asText());
        assertEquals("source.ip", terms.path("aggs").path("1").path("cardinality").path("field").asText());
    }

    @Test
    void aSavedSearchAsksForTheNewestEvents() throws IOException {
        JsonNode body = PanelSearches.searchBody(panel("cloudtrail-network-and-security--recent-authorization-failures"), FROM, TO);
        assertEquals(10, body.path("size").asInt());
        assertEquals("desc", body.path("sort").path(0).path("@timestamp").asText());
        assertTrue(body.path("aggs").isMissingNode());
    }

    @Test
    void aResponseShowsNothingWhenItFailedFoundNothingOrHasOnlyEmptyBuckets() throws IOException {
        assertEquals(Optional.empty(), PanelSearches.whyEmpty(JSON.readTree(
                "{\"hits\":{\"total\":{\"value\":3}},\"aggregations\":{\"2\":{\"buckets\":[{\"key\":\"a\",\"doc_count\":3}]}}}")));
        assertTrue(PanelSearches.whyEmpty(JSON.readTree("{\"error\":{\"type\":\"parsing_exception\"}}")).isPresent());
        assertEquals(Optional.of("no matching events"), PanelSearches.whyEmpty(JSON.readTree("{\"hits\":{\"total\":{\"value\":0}}}")));
        assertTrue(PanelSearches.whyEmpty(JSON.readTree(
                "{\"hits\":{\"total\":{\"value\":3}},\"aggregations\":{\"2\":{\"buckets\":[{\"key\":\"a\",\"doc_count\":0}]}}}"))
                .orElseThrow().contains("no non-empty bucket"));
    }

    private static JsonNode panel(String id) throws IOException {
        for (String line : new String(DashboardAssets.savedObjectsNdjson(), StandardCharsets.UTF_8).split("\n")) {
            JsonNode object = JSON.readTree(line);
            if (object.path("id").asText().equals(id)) {
                return object;
            }
        }
        throw new AssertionError("no saved object " + id);
    }
}
