package org.cloudtrailopensearch.loader.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.loader.dashboards.DashboardsTarget;
import org.cloudtrailopensearch.loader.dashboards.SavedObjectsImporter;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.support.FakeCluster;
import org.cloudtrailopensearch.loader.support.FakeHttpServer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Answer;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The setup steps together, against stand-ins for a cluster with the Alerting plugin and for OpenSearch Dashboards
 * (neither can run here; the integration tests cover a real node without plugins). Checks what is reported and
 * which failures make the run fail.
 */
class ClusterSetupTest {

    private static final byte[] BUNDLE = ("{\"type\":\"index-pattern\",\"id\":\"cloudtrail\",\"attributes\":{\"title\":\"cloudtrail\"}}\n"
            + "{\"type\":\"visualization\",\"id\":\"v1\",\"attributes\":{\"title\":\"V1\"}}\n"
            + "{\"type\":\"dashboard\",\"id\":\"d1\",\"attributes\":{\"title\":\"D1\"}}\n").getBytes(StandardCharsets.UTF_8);
    private static final List<DashboardAssets.Monitor> MONITORS = List.of(
            new DashboardAssets.Monitor("one", "{\"name\":\"Monitor one\"}"),
            new DashboardAssets.Monitor("two", "{\"name\":\"Monitor two\"}"));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void installsTemplatesDashboardsAndMonitorsWhenEverythingAnswers() throws Exception {
        try (FakeHttpServer cluster = FakeCluster.start(true);
                FakeHttpServer osd = new FakeHttpServer(r -> Answer.json(200,
                        "{\"success\":true,\"successCount\":3,\"successResults\":[]}"))) {
            ClusterSetup.Result result = run(cluster, osd);

            assertTrue(result.ok(), err.toString());
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(report.contains("Index templates installed"), report);
            assertTrue(report.contains("Dashboards: imported 3 saved objects"), report);
            assertTrue(report.contains("created \"Monitor one\""), report);
            assertTrue(report.contains("created \"Monitor two\""), report);
            assertTrue(report.contains("Alerting: 2 monitors installed"), report);
            assertTrue(report.contains("Security Analytics: the cluster has no Security Analytics plugin"), report);
            assertEquals("", err.toString());
        }
    }

    @Test
    void aPartialImportIsAFailedStepWithEveryObjectListedAndTheOtherStepsStillRun() throws Exception {
        try (FakeHttpServer cluster = FakeCluster.start(true);
                FakeHttpServer osd = new FakeHttpServer(r -> Answer.json(200, "{\"success\":false,\"successCount\":1,\"errors\":["
                        + "{\"type\":\"visualization\",\"id\":\"v1\",\"title\":\"V1\",\"error\":{\"type\":\"conflict\"}},"
                        + "{\"type\":\"dashboard\",\"id\":\"d1\",\"title\":\"D1\",\"error\":{\"type\":\"missing_references\","
                        + "\"references\":[{\"type\":\"visualization\",\"id\":\"v1\"}]}}]}"))) {
            ClusterSetup.Result result = run(cluster, osd);

            assertFalse(result.ok());
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(report.contains("Dashboards: imported 1 of 3 saved objects; not imported:"), report);
            assertTrue(report.contains("  visualization/v1 \"V1\": conflict"), report);
            assertTrue(report.contains("  dashboard/d1 \"D1\": missing_references (missing visualization/v1)"), report);
            assertTrue(report.contains("Alerting: 2 monitors installed"), "monitors are installed anyway: " + report);
            assertEquals("setup: the Dashboards import failed for 2 of 3 saved objects (1 conflict, 1 missing_references; "
                    + "listed above)" + System.lineSeparator(), err.toString());
        }
    }

    @Test
    void withoutTheAlertingPluginTheMonitorsAreSkippedAndThatIsNoFailure() throws Exception {
        try (FakeHttpServer cluster = FakeCluster.start(false)) {
            ClusterSetup.Result result = run(cluster, null);

            assertTrue(result.ok());
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(report.contains("Alerting: the cluster has no Alerting plugin (opensearch-alerting; _plugins/_alerting "
                    + "does not answer), so 2 monitors were not installed. Their JSON files are in dashboards-ndjson/monitors/"),
                    report);
            assertTrue(report.contains("Dashboards: not imported (no --dashboards-url)"), report);
            assertTrue(cluster.requests().stream().noneMatch(r -> r.path().equals("/_plugins/_alerting/monitors")),
                    "no monitor is sent to a cluster without the plugin");
        }
    }

    private ClusterSetup.Result run(FakeHttpServer cluster, FakeHttpServer osd) throws Exception {
        OpenSearchClient client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(cluster.url()).build());
        try {
            return ClusterSetup.builder().client(client).bundle(BUNDLE).monitors(MONITORS)
                    .dashboards(osd == null ? null : new SavedObjectsImporter(DashboardsTarget.of(osd.url())))
                    .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                            "setup: ")
                    .build().run();
        } finally {
            client._transport().close();
        }
    }
}
