package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.it.SetupCommandTest.Run;
import org.cloudtrailopensearch.it.support.DedicatedCluster;
import org.cloudtrailopensearch.it.support.GatedSource;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.RetryPolicy;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.run.LoadJob;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch.cat.shards.ShardsRecord;
import org.opensearch.client.opensearch.indices.IndexSettings;

/**
 * A three-node cluster on 127.0.0.1 with one replica per shard: a data node that holds a copy of the index being
 * written is stopped in the middle of a load and started again later. The loader, given every node's URL, goes on
 * through the other nodes meanwhile; at the end every record is in the cluster exactly once and the cluster is
 * green. Two gates in the source put the stop and the start at known points of the load, so the outage always
 * covers part of it.
 */
class ClusterOutageTest {

    private static final int NODES = 3;
    private static final int STOP_AT_OBJECT = 30;
    private static final int START_AT_OBJECT = 60;

    @TempDir
    static Path work;

    private static DedicatedCluster cluster;
    private static Path trail;
    private static long generatedRecords;

    @BeforeAll
    static void startClusterAndGenerateATrail() throws Exception {
        // Three nodes of 384 MB and a load on 2 cores: about 3 minutes per run, so once (on 2.x) is enough for CI.
        Assumptions.assumeFalse(Boolean.getBoolean("it.cluster.skip"), "the cluster outage test runs on one version only");
        cluster = DedicatedCluster.start("cluster-outage", NODES);
        trail = work.resolve("trail");
        // 1 account x 1 region x 8 hours x 240 events: about 2,000 records in about 100 log files.
        generatedRecords = TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(8).seed(12)
                .emptyHourPercent(0).build().writeTo(trail).records();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aDataNodeStoppedAndStartedAgainMidLoadLosesNothingAndTheClusterEndsGreen() throws Exception {
        OpenSearchClient client = cluster.client();
        new IndexSetup(client).apply(System.out);
        GatedSource source = new GatedSource(new LocalLogObjectSource(trail), STOP_AT_OBJECT, START_AT_OBJECT);
        CompletableFuture<LoadReport> load = startLoad(source);

        long beforeOutage = indexedAtGate(source.gate(0));
        assertEveryShardHasOneReplicaOnAnotherNode(client);
        int stopped = aNonManagerNodeWithACopyOfTheData(client);
        cluster.nodes().stopNode(stopped);
        System.out.println("[it] stopped " + cluster.nodes().nodeName(stopped) + " after " + beforeOutage + " documents");
        source.gate(0).open();

        long duringOutage = indexedAtGate(source.gate(1));
        assertTrue(duringOutage > beforeOutage, "the load went on without " + cluster.nodes().nodeName(stopped)
                + ": " + beforeOutage + " before, " + duringOutage + " now");
        cluster.nodes().startNode(stopped);
        System.out.println("[it] started " + cluster.nodes().nodeName(stopped) + " again after " + duringOutage + " documents");
        source.gate(1).open();
        LoadReport report = load.get(8, TimeUnit.MINUTES);

        System.out.print(report.toText());
        assertNull(report.stoppedBecause(), report.toText());
        assertEquals(0, report.exitCode(), report.toText());
        assertEquals(0, report.deadLetteredTotal(), report.toText());
        assertTrue(report.reconciles(), report.toText());
        assertTrue(report.read() >= generatedRecords, report.toText());
        cluster.nodes().awaitGreen();
        assertEquals(HealthStatus.Green, client.cluster().health().status());
        assertEveryShardHasOneReplicaOnAnotherNode(client);
        client.indices().refresh(r -> r.index("cloudtrail*"));
        // Document ids are the records' event ids: a request sent again to another node replaces, never adds.
        assertEquals(report.read() - report.skippedTotal(), client.count(c -> c.index("cloudtrail*")).count(),
                "every record read is in the cluster exactly once");

        // The CLI with every node's URL, comma-separated: a re-run replaces every document and adds none.
        Run again = SetupCommandTest.run("load", trail.toString(), "--opensearch-url", String.join(",",
                cluster.nodes().httpUris().stream().map(Object::toString).toList()),
                "--dead-letter", work.resolve("dl-again.ndjson").toString());
        assertEquals(0, again.exit(), again.output() + again.errors());
        client.indices().refresh(r -> r.index("cloudtrail*"));
        assertEquals(report.read() - report.skippedTotal(), client.count(c -> c.index("cloudtrail*")).count(),
                "a re-run through every node adds nothing");
    }

    private CompletableFuture<LoadReport> startLoad(GatedSource source) {
        LoadJobConfig config = LoadJobConfig.builder()
                .deadLetterFile(work.resolve("dead-letters.ndjson"))
                .bulk(new BulkSettings(200, 5L * 1024 * 1024, 2, RetryPolicy.defaults()))
                // One reader, so the gates split the trail in three: before the outage, during it, after it. With
                // more, another reader would run on past a closed gate up to the next.
                .readerThreads(1)
                .build();
        LoadJob job = new LoadJob(config, CloudTrailMapper.builder().build(), cluster.client());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return job.run(source);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Waits until the load stands at the gate and what it read before has been indexed (idle batches go after 1 s):
     * the count is above zero and steady.
     */
    private static long indexedAtGate(GatedSource.Gate gate) throws Exception {
        assertTrue(gate.awaitReached(3, TimeUnit.MINUTES), "the load reached the gate");
        OpenSearchClient client = cluster.client();
        long before = -1;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            client.indices().refresh(r -> r.index("cloudtrail*").ignoreUnavailable(true).allowNoIndices(true));
            long now = client.count(c -> c.index("cloudtrail*").ignoreUnavailable(true).allowNoIndices(true)).count();
            if (now > 0 && now == before) {
                break;
            }
            before = now;
        }
        assertTrue(before > 0 && before < generatedRecords, "the gate falls mid-load: " + before + " indexed");
        return before;
    }

    /** The templates' replicas auto-expand to 1 on more than one data node; each copy sits on its own node. */
    private static void assertEveryShardHasOneReplicaOnAnotherNode(OpenSearchClient client) throws IOException {
        assertEquals(HealthStatus.Green, client.cluster().health(h -> h.index("cloudtrail-*")
                .waitForStatus(HealthStatus.Green).timeout(t -> t.time("60s"))).status());
        List<IndexSettings> settings = client.indices().getSettings(g -> g.index("cloudtrail-*")).result().values()
                .stream().map(s -> s.settings().index() != null ? s.settings().index() : s.settings()).toList();
        assertTrue(!settings.isEmpty(), "cloudtrail indices exist");
        for (IndexSettings index : settings) {
            assertEquals("1", String.valueOf(index.numberOfReplicas()), "replicas on " + NODES + " nodes");
        }
        Map<String, List<ShardsRecord>> copies = shards(client).stream()
                .collect(Collectors.groupingBy(s -> s.index() + "/" + s.shard()));
        for (Map.Entry<String, List<ShardsRecord>> shard : copies.entrySet()) {
            List<ShardsRecord> started = shard.getValue().stream().filter(s -> "STARTED".equals(s.state())).toList();
            assertEquals(2, started.size(), shard.getKey() + ": " + shard.getValue());
            assertEquals(2, started.stream().map(ShardsRecord::node).distinct().count(), shard.getKey() + " on two nodes");
        }
    }

    /**
     * A node that holds a copy of the data being written (the primary's if it can) and is not the elected cluster
     * manager: a data node outage, without a cluster-manager election on top.
     */
    private static int aNonManagerNodeWithACopyOfTheData(OpenSearchClient client) throws Exception {
        int manager = cluster.nodes().clusterManager();
        List<ShardsRecord> shards = shards(client);
        Set<String> primaries = shards.stream().filter(s -> "p".equals(s.prirep())).map(ShardsRecord::node)
                .collect(Collectors.toSet());
        Set<String> holders = shards.stream().map(ShardsRecord::node).collect(Collectors.toSet());
        List<String> names = cluster.nodeNames();
        for (Set<String> wanted : List.of(primaries, holders)) {
            for (int member = 0; member < NODES; member++) {
                if (member != manager && wanted.contains(names.get(member))) {
                    return member;
                }
            }
        }
        throw new AssertionError("no node but the cluster manager holds data: " + shards);
    }

    private static List<ShardsRecord> shards(OpenSearchClient client) throws IOException {
        return client.cat().shards(r -> r.index("cloudtrail-*")).valueBody();
    }
}
