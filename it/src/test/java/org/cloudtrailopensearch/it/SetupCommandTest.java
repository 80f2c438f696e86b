package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.Samples;
import org.cloudtrailopensearch.loader.cli.Main;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.cloudtrailopensearch.templates.ComponentTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * {@code setup} and {@code load --no-setup} on a real node. The test-node distribution has no Alerting and no
 * Security Analytics plugin, so setup must say so, name how many monitors it did not install and where they are,
 * and still succeed. OpenSearch Dashboards cannot run here; an unreachable one must fail the run with one line.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class SetupCommandTest {

    @TempDir
    Path work;

    @BeforeEach
    void withoutTemplates(OpenSearchCluster cluster) throws Exception {
        OpenSearchClient client = cluster.client();
        if (indexTemplateInstalled(client)) {
            client.indices().deleteIndexTemplate(d -> d.name(CloudTrailIndexTemplates.indexTemplateName()));
        }
        assertFalse(indexTemplateInstalled(client));
    }

    @Test
    void installsTheTemplatesAndSaysWhichPluginsAreMissing(OpenSearchCluster cluster) throws Exception {
        Run run = run("setup", "--opensearch-url", cluster.url().toString());

        assertEquals(0, run.exit, run.output + run.errors);
        assertTrue(indexTemplateInstalled(cluster.client()));
        for (ComponentTemplate component : CloudTrailIndexTemplates.componentTemplates()) {
            assertTrue(cluster.client().cluster().existsComponentTemplate(e -> e.name(component.name())).value(), component.name());
        }
        assertTrue(run.output.contains("Index templates installed: " + CloudTrailIndexTemplates.indexTemplateName()), run.output);
        int monitors = DashboardAssets.monitors().size();
        assertTrue(run.output.contains("Alerting: the cluster has no Alerting plugin (opensearch-alerting; _plugins/_alerting "
                + "does not answer), so " + monitors + " monitors were not installed. Their JSON files are in "
                + "dashboards-ndjson/monitors/"), run.output);
        assertTrue(run.output.contains("Security Analytics: the cluster has no Security Analytics plugin "
                + "(opensearch-security-analytics; _plugins/_security_analytics does not answer)"), run.output);
        assertTrue(run.output.contains("Dashboards: not imported (no --dashboards-url)"), run.output);
        assertTrue(run.output.contains("Setup done."), run.output);
        assertEquals("", run.errors);

        Run again = run("setup", "--opensearch-url", cluster.url().toString());
        assertEquals(0, again.exit, "setup is idempotent: " + again.errors);
    }

    @Test
    void anUnreachableDashboardsFailsTheRunWithOneLine(OpenSearchCluster cluster) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String dashboards = "http://127.0.0.1:" + closedPort;

        Run run = run("setup", "--opensearch-url", cluster.url().toString(), "--dashboards-url", dashboards);

        assertEquals(2, run.exit, run.output + run.errors);
        String[] lines = run.errors.strip().split("\\R");
        assertEquals(1, lines.length, "one line on stderr: " + run.errors);
        assertTrue(lines[0].startsWith("setup: cannot reach OpenSearch Dashboards at " + dashboards + ": "), lines[0]);
        assertFalse(run.errors.contains("Exception") || run.errors.contains("\tat "), "no stack trace: " + run.errors);
        assertTrue(indexTemplateInstalled(cluster.client()), "the cluster steps still ran");
    }

    @Test
    void loadWithNoSetupLeavesTheTemplatesAlone(OpenSearchCluster cluster) throws Exception {
        Path trail = work.resolve("in");
        Samples.writeGzippedLogFile(trail, "three-records.json");

        Run run = run("load", trail.toString(), "--no-setup", "--opensearch-url", cluster.url().toString(),
                "--dead-letter", work.resolve("dl.ndjson").toString());

        assertEquals(0, run.exit, run.output + run.errors);
        assertFalse(run.output.contains("Index templates installed"), run.output);
        assertFalse(indexTemplateInstalled(cluster.client()), "--no-setup installs no index template");

        Run withSetup = run("load", trail.toString(), "--opensearch-url", cluster.url().toString(),
                "--dead-letter", work.resolve("dl2.ndjson").toString());
        assertEquals(0, withSetup.exit, withSetup.output + withSetup.errors);
        assertTrue(indexTemplateInstalled(cluster.client()), "by default load installs the templates");
    }

    private static boolean indexTemplateInstalled(OpenSearchClient client) throws Exception {
        return client.indices().existsIndexTemplate(e -> e.name(CloudTrailIndexTemplates.indexTemplateName())).value();
    }

    /** Runs the CLI with stdout and stderr captured. */
    static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            System.out.print(out.toString(StandardCharsets.UTF_8));
            System.err.print(err.toString(StandardCharsets.UTF_8));
        }
    }

    record Run(int exit, String output, String errors) {
    }
}
