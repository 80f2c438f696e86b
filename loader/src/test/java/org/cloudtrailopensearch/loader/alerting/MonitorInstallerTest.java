package org.cloudtrailopensearch.loader.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.support.FakeHttpServer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Answer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The installer's exchange with the Alerting API, against a JDK HTTP server standing in for the cluster: the
 * Alerting plugin is not part of the integ-test distribution the integration tests start, so this checks our side
 * of the documented API (search by name, PUT to update, POST to create) and the search response shapes.
 */
class MonitorInstallerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DashboardAssets.Monitor ROOT = monitor("root-account-used", "CloudTrail: root account used");
    private static final DashboardAssets.Monitor LOGGING = monitor("cloudtrail-logging-stopped", "CloudTrail: logging stopped");

    private static DashboardAssets.Monitor monitor(String id, String name) {
        return new DashboardAssets.Monitor(id, "{\"type\":\"monitor\",\"monitor_type\":\"query_level_monitor\",\"name\":\""
                + name + "\",\"enabled\":true,\"inputs\":[],\"triggers\":[]}");
    }

    @Test
    void createsMonitorsOnAClusterThatNeverHadOne() throws Exception {
        // Before the first monitor, the config index does not exist and the search answers 404.
        try (FakeHttpServer cluster = new FakeHttpServer(r -> switch (r.method() + " " + r.path()) {
            case "POST /_plugins/_alerting/monitors/_search" -> Answer.json(404,
                    "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such index [.opendistro-alerting-config]\"},\"status\":404}");
            case "POST /_plugins/_alerting/monitors" -> Answer.json(201, "{\"_id\":\"new-" + name(r).length() + "\",\"_version\":1}");
            default -> Answer.json(400, "{\"error\":\"unexpected " + r.method() + " " + r.path() + "\"}");
        })) {
            List<MonitorInstaller.Outcome> outcomes = new MonitorInstaller(client(cluster)).install(List.of(ROOT, LOGGING));

            assertEquals(List.of(MonitorInstaller.Action.CREATED, MonitorInstaller.Action.CREATED),
                    outcomes.stream().map(MonitorInstaller.Outcome::action).toList());
            assertEquals(Optional.of("new-" + "CloudTrail: root account used".length()), outcomes.get(0).monitorId());
            Request post = cluster.requests().get(1);
            assertEquals(ROOT.json(), post.bodyText(), "the monitor JSON is sent as shipped");
        }
    }

    @Test
    void replacesTheMonitorWithTheExactNameAndCreatesTheOthers() throws Exception {
        // The search answers with both shapes the API can return: the re-serialised monitor and the stored document,
        // and with a monitor whose name only starts the same.
        String hits = "{\"hits\":{\"total\":{\"value\":3},\"hits\":["
                + "{\"_id\":\"near\",\"_source\":{\"type\":\"monitor\",\"name\":\"CloudTrail: root account used (copy)\"}},"
                + "{\"_id\":\"abc123\",\"_source\":{\"type\":\"monitor\",\"name\":\"CloudTrail: root account used\"}},"
                + "{\"_id\":\"stored\",\"_source\":{\"monitor\":{\"name\":\"Something else\"}}}]}}";
        try (FakeHttpServer cluster = new FakeHttpServer(r -> switch (r.method() + " " + r.path()) {
            case "POST /_plugins/_alerting/monitors/_search" -> searchedName(r).equals("CloudTrail: root account used")
                    ? Answer.json(200, hits) : Answer.json(200, "{\"hits\":{\"total\":{\"value\":0},\"hits\":[]}}");
            case "PUT /_plugins/_alerting/monitors/abc123" -> Answer.json(200, "{\"_id\":\"abc123\",\"_version\":2}");
            case "POST /_plugins/_alerting/monitors" -> Answer.json(201, "{\"_id\":\"created1\"}");
            default -> Answer.json(400, "{\"error\":\"unexpected " + r.method() + " " + r.path() + "\"}");
        })) {
            List<MonitorInstaller.Outcome> outcomes = new MonitorInstaller(client(cluster)).install(List.of(ROOT, LOGGING));

            assertEquals("updated \"CloudTrail: root account used\" (id abc123)", outcomes.get(0).describe());
            assertEquals("created \"CloudTrail: logging stopped\" (id created1)", outcomes.get(1).describe());
            JsonNode search = JSON.readTree(cluster.requests().get(0).bodyText());
            assertEquals("CloudTrail: root account used",
                    search.path("query").path("bool").path("should").path(0).path("term").path("monitor.name.keyword").asText());
        }
    }

    @Test
    void aRefusedMonitorIsReportedAndTheOthersStillInstall() throws Exception {
        try (FakeHttpServer cluster = new FakeHttpServer(r -> switch (r.method() + " " + r.path()) {
            case "POST /_plugins/_alerting/monitors/_search" -> Answer.json(200, "{\"hits\":{\"hits\":[]}}");
            case "POST /_plugins/_alerting/monitors" -> name(r).contains("root")
                    ? Answer.json(400, "{\"error\":{\"root_cause\":[],\"type\":\"illegal_argument_exception\","
                            + "\"reason\":\"Invalid trigger\"},\"status\":400}")
                    : Answer.json(201, "{\"_id\":\"ok1\"}");
            default -> Answer.json(400, "{}");
        })) {
            List<MonitorInstaller.Outcome> outcomes = new MonitorInstaller(client(cluster)).install(List.of(ROOT, LOGGING));

            assertEquals(MonitorInstaller.Action.FAILED, outcomes.get(0).action());
            assertTrue(outcomes.get(0).describe().contains("HTTP 400: illegal_argument_exception: Invalid trigger"),
                    outcomes.get(0).describe());
            assertTrue(outcomes.get(0).describe().contains("root-account-used.json"), outcomes.get(0).describe());
            assertEquals(MonitorInstaller.Action.CREATED, outcomes.get(1).action());
        }
    }

    @Test
    void aFailedSearchForOneMonitorDoesNotStopTheOthers() throws Exception {
        try (FakeHttpServer cluster = new FakeHttpServer(r -> switch (r.method() + " " + r.path()) {
            case "POST /_plugins/_alerting/monitors/_search" -> searchedName(r).contains("root")
                    ? Answer.json(503, "{\"error\":{\"type\":\"cluster_block_exception\",\"reason\":\"blocked\"},\"status\":503}")
                    : Answer.json(200, "{\"hits\":{\"hits\":[]}}");
            case "POST /_plugins/_alerting/monitors" -> Answer.json(201, "{\"_id\":\"ok2\"}");
            default -> Answer.json(400, "{}");
        })) {
            List<MonitorInstaller.Outcome> outcomes = new MonitorInstaller(client(cluster)).install(List.of(ROOT, LOGGING));

            assertEquals(List.of(MonitorInstaller.Action.FAILED, MonitorInstaller.Action.CREATED),
                    outcomes.stream().map(MonitorInstaller.Outcome::action).toList());
            assertTrue(outcomes.get(0).describe().contains("503"), outcomes.get(0).describe());
        }
    }

    private static String name(Request request) {
        try {
            return JSON.readTree(request.body()).path("name").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String searchedName(Request request) {
        try {
            return JSON.readTree(request.body()).path("query").path("bool").path("should").path(1)
                    .path("match_phrase").path("monitor.name").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final List<OpenSearchClient> clients = new java.util.ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (OpenSearchClient client : clients) {
            client._transport().close();
        }
    }

    private OpenSearchClient client(FakeHttpServer server) throws Exception {
        OpenSearchClient client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(server.url()).build());
        clients.add(client);
        return client;
    }
}
