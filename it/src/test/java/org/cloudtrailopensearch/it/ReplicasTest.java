package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.cloudtrailopensearch.it.SetupCommandTest.Run;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.Samples;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch.cluster.HealthResponse;
import org.opensearch.client.opensearch.indices.IndexSettings;

/**
 * One index template for every cluster: on a single node, indices created after {@code setup} (what the demo
 * runs) and a plain {@code load} (which installs the templates again) are green, not yellow with a replica
 * that can never be allocated.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class ReplicasTest {

    @TempDir
    Path work;

    @Test
    void aPlainLoadAfterSetupLeavesNewIndicesGreenOnOneNode(OpenSearchCluster cluster) throws Exception {
        OpenSearchClient client = cluster.client();
        Assumptions.assumeTrue(client.cluster().health().numberOfDataNodes() == 1, "needs a one-node cluster");
        Path trail = work.resolve("in");
        Samples.writeGzippedLogFile(trail, "three-records.json");

        Run setup = SetupCommandTest.run("setup", "--opensearch-url", cluster.url().toString());
        Run load = SetupCommandTest.run("load", trail.toString(), "--opensearch-url", cluster.url().toString(),
                "--dead-letter", work.resolve("dl.ndjson").toString());

        assertEquals(0, setup.exit(), setup.errors());
        assertEquals(0, load.exit(), load.output() + load.errors());
        HealthResponse health = client.cluster().health(h -> h.index("cloudtrail-*").waitForStatus(HealthStatus.Green)
                .timeout(t -> t.time("20s")));
        assertEquals(HealthStatus.Green, health.status(), "cloudtrail indices after a plain load: " + health.status());
        List<IndexSettings> settings = client.indices().getSettings(g -> g.index("cloudtrail-*")).result().values()
                .stream().map(s -> s.settings().index() != null ? s.settings().index() : s.settings()).toList();
        assertEquals(1, settings.size());
        assertEquals("0-1", settings.get(0).autoExpandReplicas());
        assertEquals("0", String.valueOf(settings.get(0).numberOfReplicas()));
    }
}
