package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cloudtrailopensearch.it.support.DedicatedNode;
import org.cloudtrailopensearch.it.support.GatedSource;
import org.cloudtrailopensearch.loader.run.LoadJob;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.RetryPolicy;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * A node that pauses or restarts in the middle of a load: the load completes with the exact count, or, when
 * the outage outlasts the retry limit, ends with exit code 2 and every record it could not index in the
 * dead-letter file — never with silent loss. The load waits before one of the middle log files until the
 * test has paused or stopped the node, so the outage always falls in the middle.
 */
class NodeOutageTest {

    /** Longer than the client's 30 s response timeout: the pause that used to dead-letter whole requests. */
    private static final Duration LONG_PAUSE = Duration.ofSeconds(40);
    private static final int GATE_AT_OBJECT = 30;
    /** Generous: the restart test waits for a node start, which takes minutes on a loaded machine. */
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static DedicatedNode node;
    private static Path trail;
    private static long generatedRecords;

    @BeforeAll
    static void startNodeAndGenerateATrail() throws Exception {
        node = DedicatedNode.start("node-outage");
        trail = work.resolve("trail");
        // 1 account x 1 region x 8 hours x 240 events: about 2,000 records in about 100 log files.
        generatedRecords = TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(8).seed(14)
                .emptyHourPercent(0).build().writeTo(trail).records();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void emptyCluster() throws IOException {
        OpenSearchClient client = node.client();
        client.indices().delete(d -> d.index("cloudtrail*").ignoreUnavailable(true).allowNoIndices(true));
        new IndexSetup(client).apply(System.out);
    }

    @Test
    void aNodePausedLongerThanTheResponseTimeoutMidLoadLosesNothing() throws Exception {
        GatedSource source = new GatedSource(new LocalLogObjectSource(trail), GATE_AT_OBJECT);
        CompletableFuture<LoadReport> load = startLoad(source, RetryPolicy.defaults(), "paused");
        long before = indexedBeforeTheGate(source);

        node.pause();
        source.gate(0).open();
        Thread.sleep(LONG_PAUSE.toMillis());
        node.resume();
        LoadReport report = load.get(LOAD_TIMEOUT.toMinutes(), TimeUnit.MINUTES);

        System.out.print(report.toText());
        assertCompleteAndExact(report, before);
    }

    @Test
    void aNodeRestartedMidLoadLosesNothing() throws Exception {
        GatedSource source = new GatedSource(new LocalLogObjectSource(trail), GATE_AT_OBJECT);
        CompletableFuture<LoadReport> load = startLoad(source, RetryPolicy.defaults(), "restarted");
        long before = indexedBeforeTheGate(source);

        // The load goes on while the node stops (connections refused), starts on the same port with the same
        // data and recovers its shards (503s), so it meets each of them.
        CompletableFuture.runAsync(() -> {
            sleepQuietly(Duration.ofSeconds(2));
            source.gate(0).open();
        });
        node.restart();
        LoadReport report = load.get(LOAD_TIMEOUT.toMinutes(), TimeUnit.MINUTES);

        System.out.print(report.toText());
        assertCompleteAndExact(report, before);
    }

    @Test
    void aPauseBeyondTheRetryLimitEndsWithExitTwoAndDeadLettersInsteadOfLosing() throws Exception {
        GatedSource source = new GatedSource(new LocalLogObjectSource(trail), GATE_AT_OBJECT);
        CompletableFuture<LoadReport> load = startLoad(source,
                RetryPolicy.defaults().withMaxRetryTime(Duration.ofSeconds(10)), "limit");
        indexedBeforeTheGate(source);

        node.pause();
        LoadReport report;
        try {
            source.gate(0).open();
            report = load.get(LOAD_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
        } finally {
            node.resume();
        }

        System.out.print(report.toText());
        assertEquals(2, report.exitCode());
        assertTrue(report.reconciles(), "read = indexed + dead-lettered + skipped: " + report.toText());
        long requestFailed = report.deadLetteredByReason().getOrDefault("REQUEST_FAILED", 0L);
        assertTrue(requestFailed > 0, report.toText());
        assertEquals(requestFailed, report.deadLetteredTotal(), "only REQUEST_FAILED: " + report.deadLettered());
        assertTrue(report.stoppedBecause().matches("did not accept requests for \\d+(\\.\\d)?s: .*Timeout.*; "
                + requestFailed + " records dead-lettered as REQUEST_FAILED; re-run to load them"), report.stoppedBecause());
        List<JsonNode> letters = readDeadLetters(Path.of(report.run().deadLetterFile()));
        assertEquals(requestFailed, letters.size());
        for (JsonNode letter : letters) {
            assertEquals("REQUEST_FAILED", letter.path("reason").asText());
            assertTrue(letter.path("record").asText().contains("\"eventID\""), "the record can be loaded again");
        }
        // The node may still execute requests that had timed out on our side: at least what was acknowledged,
        // never more than was read.
        node.client().indices().refresh(r -> r.index("cloudtrail*"));
        long inCluster = node.client().count(c -> c.index("cloudtrail*")).count();
        assertTrue(inCluster >= report.indexed() && inCluster <= report.read(),
                inCluster + " documents in the cluster; " + report.toText());
    }

    private CompletableFuture<LoadReport> startLoad(LogObjectSource source, RetryPolicy retry, String name) {
        LoadJobConfig config = LoadJobConfig.builder()
                .deadLetterFile(work.resolve("dead-letters-" + name + ".ndjson"))
                .bulk(new BulkSettings(200, 5L * 1024 * 1024, 2, retry))
                // One reader: with two, the other reader would run on past the closed gate and load most of the
                // trail before the outage it is meant to meet.
                .readerThreads(1)
                .build();
        LoadJob job = new LoadJob(config, CloudTrailMapper.builder().build(), node.client());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return job.run(source);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Waits until the load stands at the gate and what it read before has been indexed (idle batches go after
     * 1 s; creating the first index can take seconds on a loaded machine): the count is above zero and steady.
     */
    private long indexedBeforeTheGate(GatedSource source) throws Exception {
        assertTrue(source.gate(0).awaitReached(2, TimeUnit.MINUTES), "the load reached the gate");
        long before = -1;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            node.client().indices().refresh(r -> r.index("cloudtrail*").ignoreUnavailable(true).allowNoIndices(true));
            long now = node.client().count(c -> c.index("cloudtrail*").ignoreUnavailable(true).allowNoIndices(true)).count();
            if (now > 0 && now == before) {
                break;
            }
            before = now;
        }
        assertTrue(before > 0 && before < generatedRecords, "the outage falls mid-load: " + before + " indexed before");
        return before;
    }

    private static void assertCompleteAndExact(LoadReport report, long indexedBefore) throws IOException {
        assertNull(report.stoppedBecause(), report.toText());
        assertEquals(0, report.deadLetteredTotal(), report.toText());
        assertEquals(0, report.exitCode(), report.toText());
        assertTrue(report.reconciles(), report.toText());
        assertTrue(report.read() >= generatedRecords, report.toText());
        assertTrue(report.indexed() > indexedBefore, "records were indexed after the outage: " + report.toText());
        node.client().indices().refresh(r -> r.index("cloudtrail*"));
        assertEquals(report.read() - report.skippedTotal(), node.client().count(c -> c.index("cloudtrail*")).count(),
                "every record read is in the cluster exactly once");
        assertEquals(report.indexed(), node.client().count(c -> c.index("cloudtrail*")).count());
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<JsonNode> readDeadLetters(Path file) throws IOException {
        List<JsonNode> letters = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                letters.add(JSON.readTree(line));
            }
        }
        return letters;
    }
}
