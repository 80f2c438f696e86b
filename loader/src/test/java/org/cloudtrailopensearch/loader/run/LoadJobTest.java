package org.cloudtrailopensearch.loader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.core5.http.HttpHost;
import org.cloudtrailopensearch.loader.deadletter.DeadLetter;
import org.cloudtrailopensearch.loader.deadletter.DeadLetterWriter;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.index.IndexFailure;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.loader.report.LoadCounters;
import org.cloudtrailopensearch.loader.report.SummaryJson;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.report.Stage;
import org.cloudtrailopensearch.loader.source.CombinedLogObjectSource;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.state.LoadState;
import org.cloudtrailopensearch.loader.support.BulkEndpoint;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The load pipeline against a scripted {@code _bulk} endpoint: many objects, several readers and workers, every
 * record counted exactly once, each object finished (and marked done) exactly once, and no deadlock when the
 * cluster is slow.
 */
class LoadJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudTrailMapper MAPPER = CloudTrailMapper.builder().geoIp(false).build();
    private static final String RECORD = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-20T10:%02d:00Z\","
            + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"192.0.2.10\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"carol\","
            + "\"accountId\":\"111122223333\"},\"eventID\":\"%s\",\"recipientAccountId\":\"111122223333\"}";

    @TempDir
    Path work;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void manyObjectsOnSeveralWorkersAreCountedExactlyAndEachObjectIsFinishedOnce() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        Set<String> expectedIds = new HashSet<>();
        int records = 0;
        for (int object = 0; object < 60; object++) {
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < object * 7 % 300; r++) {
                String id = "o" + object + "-r" + r;
                lines.add(record(r % 60, id));
                expectedIds.add(id);
                records++;
            }
            Files.write(input.resolve(String.format("%03d.json.gz", object)), gzip(recordsFile(lines)));
        }
        // Damage: one record the mapper rejects, one the cluster rejects, and a file cut off in its gzip stream.
        Files.writeString(input.resolve("900-wrong-type.ndjson"), record(1, "wrong").replace(
                "{\"type\":\"IAMUser\",\"userName\":\"carol\",\"accountId\":\"111122223333\"}", "\"carol\"") + "\n"
                + record(2, "after-wrong") + "\n");
        expectedIds.add("after-wrong");
        Files.writeString(input.resolve("901-refused.ndjson"), record(3, "refused-by-cluster") + "\n");
        byte[] cut = gzip(recordsFile(List.of(record(4, "cut-1"), record(5, "cut-2"))));
        Files.write(input.resolve("902-cut.json.gz"), Arrays.copyOf(cut, cut.length - 12));
        Files.writeString(input.resolve("903-empty.json"), "  \n");
        int listed = 64;

        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        BulkEndpoint endpoint = endpoint((n, ids) -> {
            ids.forEach(id -> {
                if (!received.add(id)) {
                    duplicates.incrementAndGet();
                }
            });
            return new BulkEndpoint.Items(ids.stream().map(id -> id.equals("refused-by-cluster") ? 400 : 201).toList());
        });
        RecordingState state = new RecordingState(Set.of());

        LoadReport report = load(endpoint, input, state, 4, new BulkSettings(50, 5L << 20, 2), null);

        assertTrue(report.reconciles(), report.toText());
        long cutRecords = report.read() - records - 3; // 0, 1 or 2 records before the cut, plus its one read failure
        assertTrue(cutRecords >= 1 && cutRecords <= 3, report.toText());
        assertEquals(Map.of(Stage.READ, Map.of("TRUNCATED_GZIP", 1L), Stage.MAP, Map.of("WRONG_TYPE", 1L),
                Stage.INDEX, Map.of("DOCUMENT_REJECTED", 1L)), report.deadLettered(), report.toText());
        assertEquals(records + 1 + cutRecords - 1, report.indexedCreated(), report.toText());
        assertEquals(0, duplicates.get(), "no document is sent twice");
        assertTrue(received.containsAll(expectedIds));
        assertEquals(listed, report.objectsListed());
        // 903 holds only white space: finished as EMPTY_OBJECT (object 0, an empty Records array, is a loaded file).
        assertEquals(Map.of("EMPTY_OBJECT", 1L), report.objectsSkipped(), report.toText());
        assertEquals(listed - 1, report.objectsLoaded());
        assertEquals(listed, state.marked.size(), "every finished object is marked done");
        assertTrue(state.marked.values().stream().allMatch(count -> count.get() == 1), "exactly once each: " + state.marked);
    }

    @Test
    void anUnexpectedExceptionInAWorkerDeadLettersThatRecordAndTheRunGoesOn() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            lines.add(record(r, "r" + r));
        }
        Files.write(input.resolve("a.json"), recordsFile(lines));
        BulkEndpoint endpoint = endpoint((n, ids) -> BulkEndpoint.allCreated(ids));
        Instant poisoned = Instant.parse("2026-11-20T10:13:00Z");
        Function<Instant, String> failingIndexName = timestamp -> {
            if (timestamp.equals(poisoned)) {
                throw new IllegalStateException("index name for a bad day");
            }
            return CloudTrailIndexTemplates.indexNameFor(timestamp);
        };

        LoadReport report = load(endpoint, input, new RecordingState(Set.of()), 3, BulkSettings.defaults(), failingIndexName);

        assertEquals(49, report.indexed(), report.toText());
        assertEquals(Map.of(Stage.MAP, Map.of("INTERNAL_ERROR", 1L)), report.deadLettered());
        assertEquals(1, report.exitCode());
        JsonNode letter = JSON.readTree(Files.readAllLines(work.resolve("dl.ndjson")).get(0));
        assertEquals("map", letter.get("stage").asText());
        assertEquals(13, letter.get("index").asLong());
        assertTrue(letter.get("message").asText().contains("index name for a bad day"));
        assertEquals(1, report.objectsLoaded());
    }

    @Test
    void objectsAnEarlierRunFinishedAreSkippedUnopened() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        Files.writeString(input.resolve("a.ndjson"), record(1, "a1") + "\n");
        Files.writeString(input.resolve("b.ndjson"), record(2, "b1") + "\n" + record(3, "b2") + "\n");
        BulkEndpoint endpoint = endpoint((n, ids) -> BulkEndpoint.allCreated(ids));
        RecordingState state = new RecordingState(Set.of(input.resolve("a.ndjson").toString()));

        LoadReport report = load(endpoint, input, state, 2, BulkSettings.defaults(), null);

        assertEquals(2, report.read());
        assertEquals(2, report.indexed());
        assertEquals(Map.of("ALREADY_LOADED", 1L), report.objectsSkipped());
        assertEquals(1, report.objectsLoaded());
        assertEquals(Set.of(input.resolve("b.ndjson").toString()), state.marked.keySet());
    }

    @Test
    void anObjectNamedByTwoOverlappingSourcesIsReadAndFinishedOnce() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        Files.writeString(input.resolve("a.ndjson"), record(1, "a1") + "\n" + record(2, "a2") + "\n");
        BulkEndpoint endpoint = endpoint((n, ids) -> BulkEndpoint.allCreated(ids));
        RecordingState state = new RecordingState(Set.of());
        OpenSearchTransport transport = ApacheHttpClient5TransportBuilder.builder(HttpHost.create(endpoint.url()))
                .setMapper(new JacksonJsonpMapper()).build();
        toClose.add(transport);
        LoadJobConfig config = LoadJobConfig.builder().deadLetterFile(work.resolve("dl.ndjson")).refreshWhenDone(false)
                .state(state).build();

        LoadReport report = new LoadJob(config, MAPPER, new OpenSearchClient(transport), System.err)
                .run(new CombinedLogObjectSource(List.of(new LocalLogObjectSource(input),
                        new LocalLogObjectSource(input.resolve("a.ndjson")))));

        assertEquals(2, report.read(), report.toText());
        assertEquals(1, report.objectsListed());
        assertEquals(Map.of(input.resolve("a.ndjson").toString(), 1), Map.copyOf(state.marked).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())));
    }

    @Test
    void aSlowClusterSlowsTheRunDownWithoutDeadlock() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        int records = 0;
        for (int object = 0; object < 10; object++) {
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < 200; r++) {
                lines.add(record(r % 60, "s" + object + "-" + r));
                records++;
            }
            Files.write(input.resolve(object + ".json"), recordsFile(lines));
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        BulkEndpoint endpoint = endpoint((n, ids) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(5);
            inFlight.decrementAndGet();
            return BulkEndpoint.allCreated(ids);
        });
        int total = records;

        LoadReport report = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> load(endpoint, input, new RecordingState(Set.of()), 3, new BulkSettings(10, 5L << 20, 1), null));

        assertEquals(total, report.indexed(), report.toText());
        assertEquals(1, mostInFlight.get(), "one request in flight at a time, as configured");
    }

    @Test
    void deadLettersFedBackAreLoadedAsRecordsOfTheirOriginalSourceAndSummarisedAsJson() throws Exception {
        Path earlier = work.resolve("earlier.ndjson");
        try (DeadLetterWriter writer = new DeadLetterWriter(earlier)) {
            byte[] json = record(7, "fed-back").getBytes(StandardCharsets.UTF_8);
            writer.write(DeadLetter.of(new SourceRecord("/logs/a.json", 4, json, json.length), Stage.INDEX,
                    IndexFailure.DOCUMENT_REJECTED, "mapper_parsing_exception"));
            writer.write(new DeadLetter("/logs/b.json.gz", 2, Stage.READ, "TRUNCATED_GZIP", "cut", null, false));
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        BulkEndpoint endpoint = endpoint((n, ids) -> {
            received.addAll(ids);
            return BulkEndpoint.allCreated(ids);
        });
        OpenSearchTransport transport = ApacheHttpClient5TransportBuilder.builder(HttpHost.create(endpoint.url()))
                .setMapper(new JacksonJsonpMapper()).build();
        toClose.add(transport);
        LoadJobConfig config = LoadJobConfig.builder().deadLetterFile(work.resolve("dl.ndjson")).refreshWhenDone(false)
                .mappingThreads(2).build();

        LoadReport report = new LoadJob(config, MAPPER, new OpenSearchClient(transport), System.err)
                .runDeadLetters(earlier, new LoadCounters());

        assertEquals(2, report.read(), report.toText());
        assertEquals(1, report.indexedCreated());
        assertEquals(Set.of("fed-back"), received);
        assertEquals(Map.of(Stage.READ, Map.of("TRUNCATED_GZIP", 1L)), report.deadLettered());
        JsonNode again = JSON.readTree(Files.readAllLines(work.resolve("dl.ndjson")).get(0));
        assertEquals("/logs/b.json.gz", again.get("source").asText(), "a dead letter names the original source again");
        assertEquals(2, again.get("index").asLong());

        Path summary = work.resolve("out/summary.json");
        SummaryJson.write(report, summary);
        JsonNode json = JSON.readTree(summary.toFile());
        assertEquals(2, json.path("records").path("read").asLong());
        assertEquals(1, json.path("records").path("indexed_new").asLong());
        assertEquals(1, json.path("records").path("dead_lettered_by_stage").path("read").path("TRUNCATED_GZIP").asLong());
        assertEquals(1, json.path("exit_code").asInt());
        assertTrue(json.path("counts_reconcile").asBoolean());
        assertEquals(work.resolve("dl.ndjson").toAbsolutePath().toString(), json.path("dead_letter_file").asText());
        try (var files = Files.list(summary.getParent())) {
            assertEquals(List.of(summary), files.toList(), "no temporary file left beside the summary");
        }
    }

    @Test
    void objectsArrivingOnAFeedAreEachReportedFinishedOnceAfterTheirRecordsWereAcknowledged() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        BulkEndpoint endpoint = endpoint((n, ids) -> {
            acknowledged.addAll(ids);
            return new BulkEndpoint.Items(ids.stream().map(id -> 201).toList());
        });
        java.util.concurrent.BlockingQueue<LogObject> arriving = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Map<String, ObjectEnd> ends = new ConcurrentHashMap<>();
        Map<String, Boolean> allAcknowledgedWhenFinished = new ConcurrentHashMap<>();
        ObjectFeed feed = new ObjectFeed() {
            @Override
            public LogObject poll(Duration wait) throws InterruptedException {
                return arriving.poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }

            @Override
            public boolean exhausted() {
                return closed.get() && arriving.isEmpty();
            }

            @Override
            public void finished(LogObject object, ObjectEnd end) {
                assertEquals(null, ends.put(object.name(), end), "finished once: " + object.name());
                allAcknowledgedWhenFinished.put(object.name(), object.name().startsWith("missing")
                        || acknowledged.containsAll(List.of(object.name() + "-0", object.name() + "-1")));
            }
        };
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 5; i++) {
                String name = "object" + i;
                byte[] bytes = recordsFile(List.of(record(i, name + "-0"), record(i + 1, name + "-1")));
                arriving.add(new LogObject(name, "AWSLogs/" + name + ".json", bytes.length, "v1",
                        () -> new java.io.ByteArrayInputStream(bytes)));
                try {
                    Thread.sleep(50); // objects arrive while the job runs
                } catch (InterruptedException e) {
                    return;
                }
            }
            arriving.add(new LogObject("missing", "AWSLogs/missing.json", 10, "v1", () -> {
                throw new java.io.FileNotFoundException("NoSuchKey");
            }));
            closed.set(true);
        });
        OpenSearchTransport transport = ApacheHttpClient5TransportBuilder
                .builder(HttpHost.create(endpoint.url())).setMapper(new JacksonJsonpMapper()).build();
        toClose.add(transport);
        LoadJobConfig config = LoadJobConfig.builder().deadLetterFile(work.resolve("dl.ndjson"))
                .refreshWhenDone(false).mappingThreads(2).readerThreads(2).build();
        LoadCounters counters = new LoadCounters();

        sender.start();
        LoadReport report = new LoadJob(config, MAPPER, new OpenSearchClient(transport), System.err)
                .run(feed, "queue", counters);

        assertTrue(report.reconciles(), report.toText());
        assertEquals(6, report.objectsListed(), "each object counts as listed when it is taken");
        assertEquals(10, report.indexed());
        assertEquals(6, ends.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(ends.get("object" + i).settled());
            assertTrue(allAcknowledgedWhenFinished.get("object" + i), "finished only after its records were acknowledged");
        }
        assertTrue(ends.get("missing").retryBecause().startsWith("UNREADABLE_OBJECT: "), ends.get("missing").toString());
    }

    private LoadReport load(BulkEndpoint endpoint, Path input, LoadState state, int workers, BulkSettings bulk,
            Function<Instant, String> indexNames) throws IOException {
        OpenSearchTransport transport = ApacheHttpClient5TransportBuilder
                .builder(HttpHost.create(endpoint.url())).setMapper(new JacksonJsonpMapper()).build();
        toClose.add(transport);
        LoadJobConfig.Builder config = LoadJobConfig.builder().deadLetterFile(work.resolve("dl.ndjson"))
                .refreshWhenDone(false).mappingThreads(workers).readerThreads(2).bulk(bulk).state(state);
        if (indexNames != null) {
            config.indexForTimestamp(indexNames);
        }
        return new LoadJob(config.build(), MAPPER, new OpenSearchClient(transport), System.err)
                .run(new LocalLogObjectSource(input));
    }

    private BulkEndpoint endpoint(BulkEndpoint.Script script) throws IOException {
        BulkEndpoint endpoint = new BulkEndpoint(script);
        toClose.add(endpoint);
        return endpoint;
    }

    private static String record(int minute, String eventId) {
        return String.format(RECORD, minute, eventId);
    }

    private static byte[] recordsFile(List<String> records) {
        return ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /** Remembers what was marked done, and how often. */
    static final class RecordingState implements LoadState {
        final Set<String> doneBefore;
        final Map<String, AtomicInteger> marked = new ConcurrentHashMap<>();

        RecordingState(Set<String> doneBefore) {
            this.doneBefore = doneBefore;
        }

        @Override
        public boolean isDone(LogObject object) {
            return doneBefore.contains(object.name());
        }

        @Override
        public void markDone(LogObject object) {
            marked.computeIfAbsent(object.name(), n -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void close() {
        }
    }
}
