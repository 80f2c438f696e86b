package org.cloudtrailopensearch.loader.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.cloudtrailopensearch.loader.support.BulkEndpoint;
import org.cloudtrailopensearch.loader.support.BulkEndpoint.Drop;
import org.cloudtrailopensearch.loader.support.BulkEndpoint.Items;
import org.cloudtrailopensearch.loader.support.BulkEndpoint.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** The sink's batching, retries and accounting against a scripted {@code _bulk} endpoint. */
class BulkSinkTest {

    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofSeconds(20));

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private final List<Outcomes> allOutcomes = new ArrayList<>();

    @AfterEach
    void closeAllAndCheckNoDocumentHadTwoOutcomes() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        for (Outcomes outcomes : allOutcomes) {
            assertEquals(List.of(), outcomes.twice, "documents with a second outcome");
        }
    }

    @Test
    void everyDocumentIsReportedCreatedOrReplaced() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> new Items(ids.stream().map(id -> id.endsWith("0") ? 200 : 201).toList()));
        Outcomes outcomes = load(endpoint, settings(7, FAST), 25);

        assertEquals(25, outcomes.created.size() + outcomes.replaced.size());
        assertEquals(List.of("d0", "d10", "d20"), outcomes.replaced.stream().sorted().toList());
        assertTrue(outcomes.failed.isEmpty());
        // Requests are in flight concurrently, so they may reach the endpoint in any order.
        assertEquals(List.of(4, 7, 7, 7), endpoint.requests().stream().map(List::size).sorted().toList(),
                "batches of maxOperations, the rest on close");
    }

    @Test
    void busyAndUnavailableAnswersAreSentAgain() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> switch (n) {
            case 1 -> new Status(429, "es_rejected_execution_exception");
            case 2 -> new Status(503, "cluster_block_exception");
            case 3 -> new Status(502, "bad_gateway");
            default -> BulkEndpoint.allCreated(ids);
        });
        Outcomes outcomes = load(endpoint, settings(100, FAST), 10);

        assertEquals(10, outcomes.created.size());
        assertTrue(outcomes.failed.isEmpty(), outcomes.failed.toString());
        assertEquals(4, endpoint.requests().size());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("HTTP 429"), logBytes::toString);
    }

    @Test
    void aConnectionClosedWithoutAnswerIsSentAgain() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> n <= 2 ? new Drop() : BulkEndpoint.allCreated(ids));
        Outcomes outcomes = load(endpoint, settings(100, FAST), 10);

        assertEquals(10, outcomes.created.size());
        assertTrue(outcomes.failed.isEmpty(), outcomes.failed.toString());
        assertTrue(endpoint.requests().size() >= 3);
    }

    @Test
    void anAnswerSlowerThanTheResponseTimeoutIsSentAgain() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> {
            if (n == 1) {
                Thread.sleep(3000);
            }
            return BulkEndpoint.allCreated(ids);
        });
        Outcomes outcomes = load(endpoint, settings(100, FAST), 10);

        assertEquals(10, outcomes.created.size());
        assertTrue(outcomes.failed.isEmpty(), outcomes.failed.toString());
        assertEquals(2, endpoint.requests().size());
    }

    @Test
    void onlyTheDocumentsAnsweredBusyAreSentAgainAndRejectedOnesFailAtOnce() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> n == 1
                ? new Items(ids.stream().map(id -> switch (id) {
                    case "d1" -> 429;
                    case "d2" -> 503;
                    case "d3" -> 400;
                    default -> 201;
                }).toList())
                : BulkEndpoint.allCreated(ids));
        Outcomes outcomes = load(endpoint, settings(100, FAST), 6);

        assertEquals(List.of(List.of("d0", "d1", "d2", "d3", "d4", "d5"), List.of("d1", "d2")), endpoint.requests());
        assertEquals(5, outcomes.created.size());
        assertEquals(Map.of("d3", "DOCUMENT_REJECTED 400 mapper_parsing_exception: scripted 400 for d3"), outcomes.failed);
    }

    @Test
    void atTheRetryLimitEveryDocumentFailsAsRequestFailedAndTheSinkSaysSo() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> new Status(503, "cluster_block_exception"));
        RetryPolicy oneSecond = FAST.withMaxRetryTime(Duration.ofSeconds(1));
        long started = System.nanoTime();
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(endpoint.url(), settings(5, oneSecond), outcomes);
        feed(sink, 12);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(12, outcomes.failed.size(), "every document has its outcome");
        assertTrue(outcomes.failed.values().stream().allMatch(m -> m.contains("REQUEST_FAILED ")
                && m.contains("did not accept requests for ") && m.contains("HTTP 503")), outcomes.failed.toString());
        assertTrue(sink.retryLimitReached());
        assertTrue(sink.retryLimitMessage().startsWith("did not accept requests for 1"), sink.retryLimitMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0,
                "requests after the first give-up do not each wait the full retry time: " + took);
        assertTrue(outcomes.failed.get("d10").startsWith("REQUEST_FAILED not sent: OpenSearch did not accept requests"),
                "the last batch is not sent once a request gave up: " + outcomes.failed.get("d10"));
    }

    @Test
    void aBatchThatStopsGrowingIsSentWithoutWaitingForMore() throws Exception {
        // A queue worker's objects in work can hold fewer documents than a batch, and their messages wait for these
        // very documents: the batch must go once nothing more comes, not after the 1 s bound for a slow trickle.
        BulkEndpoint endpoint = endpoint((n, ids) -> BulkEndpoint.allCreated(ids));
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(endpoint.url(), settings(100, FAST), outcomes);
        for (int i = 0; i < 3; i++) {
            sink.index("it-sink", "d" + i, "{}".getBytes(StandardCharsets.UTF_8), "d" + i);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
        while (outcomes.created.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertEquals(3, outcomes.created.size(), "indexed before the 1 s bound, the sink still open");
        sink.close();
        assertEquals(1, endpoint.requests().size());
    }

    @Test
    void aStatusWithoutBodyIsJudgedByTheStatus() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> new Status(401, null));
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(endpoint.url(), settings(100, FAST), outcomes);
        feed(sink, 2);

        assertEquals(1, endpoint.requests().size(), "a 401 is not retried, body or not");
        assertTrue(outcomes.failed.get("d0").startsWith("REQUEST_FAILED refused a bulk request: HTTP 401"),
                outcomes.failed.toString());
    }

    @Test
    void aFailureRetryingCannotFixGivesUpAtOnce() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> new Status(400, "illegal_argument_exception"));
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(endpoint.url(), settings(100, FAST), outcomes);
        feed(sink, 3);

        assertEquals(1, endpoint.requests().size());
        assertEquals(3, outcomes.failed.size());
        assertTrue(outcomes.failed.get("d0").startsWith("REQUEST_FAILED refused a bulk request: HTTP 400"),
                outcomes.failed.toString());
        assertTrue(sink.retryLimitReached());
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheNodeIsBack() throws Exception {
        int port = freePort();
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(URI.create("http://127.0.0.1:" + port), settings(100, FAST), outcomes);
        for (int i = 0; i < 10; i++) {
            sink.index("it-sink", "d" + i, "{}".getBytes(StandardCharsets.UTF_8), "d" + i);
        }
        Thread.sleep(2500); // the idle batch has been sent and refused by now
        assertTrue(outcomes.created.isEmpty());
        BulkEndpoint endpoint = new BulkEndpoint(port, (n, ids) -> BulkEndpoint.allCreated(ids));
        toClose.add(endpoint);
        sink.close();

        assertEquals(10, outcomes.created.size());
        assertTrue(outcomes.failed.isEmpty(), outcomes.failed.toString());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("Connect"), logBytes::toString);
    }

    @Test
    void aRefusedConnectionFailsTheDocumentsAfterTheRetryLimit() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + freePort());
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(nobody, settings(100, FAST.withMaxRetryTime(Duration.ofMillis(500))), outcomes);
        feed(sink, 4);

        assertEquals(4, outcomes.failed.size());
        assertTrue(outcomes.failed.get("d0").contains("Connect"), outcomes.failed.toString());
        assertTrue(sink.retryLimitReached());
    }

    @Test
    void anIdleBatchIsSentWithoutWaitingForMoreDocuments() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> BulkEndpoint.allCreated(ids));
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(endpoint.url(), settings(1000, FAST), outcomes);
        sink.index("it-sink", "d0", "{}".getBytes(StandardCharsets.UTF_8), "d0");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (outcomes.created.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of("d0"), List.copyOf(outcomes.created));
        sink.close();
    }

    @Test
    void theCallerWaitsWhileTheConfiguredRequestsAreInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BulkEndpoint endpoint = endpoint((n, ids) -> {
            release.await();
            return BulkEndpoint.allCreated(ids);
        });
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(endpoint.url(), new BulkSettings(10, 1L << 20, 1, FAST), outcomes);
        AtomicInteger added = new AtomicInteger();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                sink.index("it-sink", "d" + i, "{}".getBytes(StandardCharsets.UTF_8), "d" + i);
                added.incrementAndGet();
            }
        });
        producer.start();
        Thread.sleep(1000);

        // One request in flight, one full batch waiting for its slot: the 20th document cannot be handed over.
        assertEquals(19, added.get());
        assertTrue(producer.isAlive());
        release.countDown();
        producer.join(10_000);
        sink.close();
        assertEquals(50, outcomes.created.size());
    }

    @Test
    void aLargeDocumentStartsANewBatchWhenTheSizeLimitWouldBeExceeded() throws Exception {
        BulkEndpoint endpoint = endpoint((n, ids) -> BulkEndpoint.allCreated(ids));
        Outcomes outcomes = new Outcomes();
        BulkSink<String> sink = sink(endpoint.url(), new BulkSettings(1000, 1000, 2, FAST), outcomes);
        byte[] big = ("{\"pad\":\"" + "x".repeat(600) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 4; i++) {
            sink.index("it-sink", "d" + i, big, "d" + i);
        }
        sink.close();

        assertEquals(4, endpoint.requests().size(), "two 650-byte documents never share a 1000-byte request");
        assertEquals(4, outcomes.created.size());
    }

    private BulkEndpoint endpoint(BulkEndpoint.Script script) throws IOException {
        BulkEndpoint endpoint = new BulkEndpoint(script);
        toClose.add(endpoint);
        return endpoint;
    }

    private Outcomes load(BulkEndpoint endpoint, BulkSettings settings, int documents) throws IOException {
        Outcomes outcomes = new Outcomes();
        feed(sink(endpoint.url(), settings, outcomes), documents);
        return outcomes;
    }

    private static void feed(BulkSink<String> sink, int documents) {
        for (int i = 0; i < documents; i++) {
            sink.index("it-sink", "d" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), "d" + i);
        }
        sink.close();
    }

    private BulkSink<String> sink(URI url, BulkSettings settings, Outcomes outcomes) throws IOException {
        // A short response timeout so that a slow answer fails the attempt within the test's time.
        OpenSearchTransport transport = ApacheHttpClient5TransportBuilder.builder(HttpHost.create(url))
                .setMapper(new JacksonJsonpMapper())
                .setRequestConfigCallback(config -> config.setResponseTimeout(Timeout.ofSeconds(1)))
                .build();
        toClose.add(transport);
        allOutcomes.add(outcomes);
        BulkSink<String> sink = new BulkSink<>(new OpenSearchClient(transport), settings, outcomes, log);
        toClose.add(0, sink);
        return sink;
    }

    private static BulkSettings settings(int maxOperations, RetryPolicy retry) {
        return new BulkSettings(maxOperations, 5L << 20, 2, retry);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Records each document's outcome by its id; a second outcome for one document is kept in {@code twice}. */
    static final class Outcomes implements IndexOutcomes<String> {
        final List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> replaced = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> failed = new ConcurrentHashMap<>();
        final List<String> twice = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

        @Override
        public void indexed(String origin, boolean created) {
            once(origin);
            (created ? this.created : replaced).add(origin);
        }

        @Override
        public void failed(String origin, IndexFailure failure, String message) {
            once(origin);
            failed.put(origin, failure + " " + message);
        }

        private void once(String origin) {
            if (seen.put(origin, true) != null) {
                twice.add(origin);
            }
        }
    }
}
