package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.cloudtrailopensearch.it.support.CliProcess;
import org.cloudtrailopensearch.it.support.ElasticMqExtension;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.S3BucketExtension;
import org.cloudtrailopensearch.it.support.S3Notifications;
import org.cloudtrailopensearch.it.support.S3Notifications.Created;
import org.cloudtrailopensearch.it.support.S3ProxyServer;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.it.support.TrailRecords;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queue mode ({@code worker}) on real components: S3 event notifications in all three shapes on an ElasticMQ queue,
 * the trail's objects in S3Proxy, the shared OpenSearch test node. Several workers share a queue; one is killed, one
 * is stopped with SIGTERM, a message naming a missing object ends in the dead-letter queue.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class QueueWorkerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "queued-trail";
    @RegisterExtension
    static final S3BucketExtension s3 = new S3BucketExtension(BUCKET);
    @RegisterExtension
    static final ElasticMqExtension sqs = new ElasticMqExtension();
    /** The generated trail's log objects in the bucket, and its records' event ids (all distinct). */
    private static final List<Created> logObjects = new ArrayList<>();
    private static final Set<String> eventIds = new HashSet<>();
    private static long records;

    @TempDir
    static Path trail;
    @TempDir
    Path work;
    private OpenSearchCluster cluster;

    @BeforeAll
    static void generateUploadAndStartTheQueue() throws Exception {
        assertEquals(0, Main.run("generate", "--out", trail.toString(), "--hours", "6", "--accounts", "2",
                "--regions", "us-east-1", "--events-per-hour", "30", "--log-files-per-hour", "3", "--seed", "12"));
        try (S3Client client = s3.client()) {
            for (Map.Entry<Path, List<JsonNode>> file : TrailRecords.readByFile(trail).entrySet()) {
                String key = "trail/" + trail.relativize(file.getKey()).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(file.getKey());
                String eTag = client.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes)).eTag();
                logObjects.add(new Created(BUCKET, key, bytes.length, eTag));
                for (JsonNode record : file.getValue()) {
                    eventIds.add(record.path("eventID").asText());
                    records++;
                }
            }
            client.putObject(p -> p.bucket(BUCKET).key("trail/notes/README.txt"), RequestBody.fromString("not a log"));
        }
        assertEquals(records, eventIds.size(), "every record has its own event id");
        assertTrue(logObjects.size() >= 20, logObjects.size() + " log objects");
    }

    @BeforeEach
    void installTemplates(OpenSearchCluster cluster) {
        this.cluster = cluster;
        // Once, before the workers start, so that no worker indexes a document before its template exists.
        assertEquals(0, Main.run("setup", "--opensearch-url", cluster.url().toString()));
    }

    @Test
    void threeWorkersOnOneQueueLoadEveryRecordOnceAndEmptyTheQueue() throws Exception {
        String queue = sqs.createQueue("three-workers", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10"));
        int messages = sendNotifications(queue);

        Process cliWorker = startWorker(queue, work.resolve("cli"), "--once", "--visibility-timeout", "10s");
        ExecutorService inProcess = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> workers = List.of(
                    inProcess.submit(() -> Main.run(workerArgs(queue, work.resolve("w1"), "--once", "--visibility-timeout", "10s"))),
                    inProcess.submit(() -> Main.run(workerArgs(queue, work.resolve("w2"), "--once", "--visibility-timeout", "10s"))));
            for (Future<Integer> worker : workers) {
                assertEquals(0, worker.get(4, TimeUnit.MINUTES));
            }
            assertTrue(cliWorker.waitFor(4, TimeUnit.MINUTES), "the worker process ended");
            assertEquals(0, cliWorker.exitValue(), Files.readString(work.resolve("cli/stderr.txt")));
        } finally {
            inProcess.shutdownNow();
            cliWorker.destroyForcibly();
        }

        assertEquals(records, documents(), "every record once: documents == distinct event ids == records");
        assertArrayEquals(new long[] {0, 0}, sqs.depth(queue), "nothing visible, nothing in flight");
        List<JsonNode> statuses = List.of(status(work.resolve("cli")), status(work.resolve("w1")), status(work.resolve("w2")));
        assertEquals(messages, sum(statuses, "deleted"), "every message deleted exactly once");
        assertEquals(0, sum(statuses, "redelivered"), "no worker died or released anything: no message came twice");
        assertEquals(3, sum(statuses, "ignored"), "the test event, the README and the signature sidecar");
        for (JsonNode status : statuses) {
            assertEquals("stopped", status.path("state").asText());
            JsonNode counts = status.path("records");
            assertEquals(counts.path("read").asLong(), counts.path("indexed").asLong()
                    + counts.path("dead_lettered").asLong() + counts.path("skipped").asLong(), status.toString());
        }
        JsonNode summary = JSON.readTree(work.resolve("cli/summary.json").toFile());
        assertTrue(summary.path("counts_reconcile").asBoolean(), summary.toString());
    }

    @Test
    void theMessagesOfAKilledWorkerComeBackAndTheOthersFinishThem() throws Exception {
        String queue = sqs.createQueue("killed-worker", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "4"));
        sendNotifications(queue);

        Process victim = startWorker(queue, work.resolve("victim"), "--visibility-timeout", "4s",
                "--bulk-actions", "5", "--bulk-concurrency", "1");
        try {
            JsonNode before = awaitStatus(work.resolve("victim"), victim, s -> s.path("messages").path("in_flight").asLong() > 0);
            victim.destroyForcibly(); // SIGKILL: nothing is released, deleted or written any more
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, victim.exitValue());
            assertTrue(before.path("messages").path("in_flight").asLong() > 0, before.toString());
        } finally {
            victim.destroyForcibly();
        }

        ExecutorService survivors = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> workers = List.of(
                    survivors.submit(() -> Main.run(workerArgs(queue, work.resolve("s1"), "--once", "--visibility-timeout", "4s"))),
                    survivors.submit(() -> Main.run(workerArgs(queue, work.resolve("s2"), "--once", "--visibility-timeout", "4s"))));
            for (Future<Integer> worker : workers) {
                assertEquals(0, worker.get(4, TimeUnit.MINUTES));
            }
        } finally {
            survivors.shutdownNow();
        }

        assertEquals(records, documents(), "every record once, including those of the killed worker's messages");
        assertArrayEquals(new long[] {0, 0}, sqs.depth(queue));
        // The killed worker held messages it had not deleted: SQS hands them out again once their visibility lapses,
        // and the survivors see them with ApproximateReceiveCount > 1. Without that redelivery their records would
        // be missing above and this count would be 0 (as it is when no worker dies, see the three-workers test).
        long redelivered = sum(List.of(status(work.resolve("s1")), status(work.resolve("s2"))), "redelivered");
        assertTrue(redelivered >= 1, "the survivors received the killed worker's messages again: " + redelivered);
    }

    @Test
    void aMessageNamingAMissingObjectEndsInTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
        String deadLetterQueue = sqs.createQueue("missing-dlq", Map.of());
        String deadLetterArn;
        try (SqsClient client = sqs.client()) {
            deadLetterArn = client.getQueueAttributes(g -> g.queueUrl(deadLetterQueue)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        }
        String queue = sqs.createQueue("missing-object", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + deadLetterArn + "\"}"));
        String missingKey = "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/"
                + "111122223333_CloudTrail_us-east-1_20260105T0000Z_missing000000000.json.gz";
        send(queue, S3Notifications.direct(List.of(new Created(BUCKET, missingKey, 100, "0123456789abcdef"))));

        CliProcess.Result run = CliProcess.runInProcess(workerArgs(queue, work.resolve("w"), "--once",
                "--visibility-timeout", "3s"));

        assertEquals(1, run.exitCode(), "its record is dead-lettered as UNREADABLE_OBJECT: " + run.stderr());
        List<String> releases = run.errorLines().stream()
                .filter(line -> line.contains("released message") && line.contains("UNREADABLE_OBJECT")).toList();
        assertEquals(2, releases.size(), "released with the reason after each of the 2 receives:\n" + run.stderr());
        assertArrayEquals(new long[] {0, 0}, sqs.depth(queue), "gone from the queue");
        assertArrayEquals(new long[] {1, 0}, sqs.depth(deadLetterQueue), "moved to the dead-letter queue by its redrive policy");
    }

    @Test
    void sigtermFinishesOrReleasesWhatIsInWorkWritesTheStatusAndExitsZero() throws Exception {
        String queue = sqs.createQueue("sigterm", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"));
        sendNotifications(queue);

        Process worker = startWorker(queue, work.resolve("term"), "--visibility-timeout", "60s",
                "--shutdown-grace", "20s", "--bulk-actions", "5", "--bulk-concurrency", "1");
        try {
            awaitStatus(work.resolve("term"), worker, s -> s.path("messages").path("received").asLong() > 0);
            worker.destroy(); // SIGTERM
            assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker ended within its grace period");
            assertEquals(0, worker.exitValue(), Files.readString(work.resolve("term/stderr.txt")));
        } finally {
            worker.destroyForcibly();
        }
        JsonNode status = status(work.resolve("term"));
        assertEquals("stopped", status.path("state").asText(), status.toString());
        assertEquals(0, status.path("messages").path("in_flight").asLong(), "everything finished or released");
        assertTrue(Files.readString(work.resolve("term/stderr.txt")).contains("stopping (SIGTERM)"));

        // Nothing lost: what it did not finish is visible again at once (released, not waiting out 60 s), and
        // another worker loads it.
        assertEquals(0, Main.run(workerArgs(queue, work.resolve("after"), "--once", "--visibility-timeout", "60s")));
        assertEquals(records, documents());
        assertArrayEquals(new long[] {0, 0}, sqs.depth(queue));
    }

    /**
     * Every log object announced in the queue: two per message straight from S3, one through SNS, one through
     * EventBridge, in turn; plus a test event, a README and a signature sidecar (ignored). Returns the messages sent.
     */
    private int sendNotifications(String queue) {
        int sent = 0;
        for (int i = 0; i < logObjects.size(); sent++) {
            switch (sent % 3) {
                case 0 -> {
                    send(queue, S3Notifications.direct(logObjects.subList(i, Math.min(i + 2, logObjects.size()))));
                    i += 2;
                }
                case 1 -> send(queue, S3Notifications.throughSns(List.of(logObjects.get(i++))));
                default -> send(queue, S3Notifications.eventBridge(logObjects.get(i++)));
            }
        }
        send(queue, S3Notifications.testEvent(BUCKET));
        send(queue, S3Notifications.direct(List.of(new Created(BUCKET, "trail/notes/README.txt", 9, "abc"))));
        Created first = logObjects.get(0);
        send(queue, S3Notifications.throughSns(List.of(new Created(BUCKET, first.key() + ".metadata.json", 120, "def"))));
        return sent + 3;
    }

    private static void send(String queue, String body) {
        try (SqsClient client = sqs.client()) {
            client.sendMessage(m -> m.queueUrl(queue).messageBody(body));
        }
    }

    private String[] workerArgs(String queue, Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("worker", "--sqs-queue-url", queue,
                "--sqs-endpoint-url", sqs.endpoint().toString(),
                "--endpoint-url", s3.endpoint().toString(), "--bucket-region", "us-east-1",
                "--opensearch-url", cluster.url().toString(), "--no-setup",
                "--dead-letter", dir.resolve("dead-letters.ndjson").toString(),
                "--status-file", dir.resolve("status.json").toString(), "--status-interval", "200ms",
                "--summary-json", dir.resolve("summary.json").toString(), "--wait-time", "1s"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** A worker as its own JVM, so that it can be killed or sent SIGTERM; credentials from its environment. */
    private Process startWorker(String queue, Path dir, String... extra) throws IOException {
        return CliProcess.start(dir, S3ProxyServer.CREDENTIALS_ENVIRONMENT, workerArgs(queue, dir, extra));
    }

    /** Waits until the worker's status file shows what {@code condition} asks for, and returns that status. */
    private static JsonNode awaitStatus(Path dir, Process worker, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertTrue(worker.isAlive(), "the worker ended early:\n" + Files.readString(dir.resolve("stderr.txt")));
            Path file = dir.resolve("status.json");
            if (Files.exists(file)) {
                JsonNode status = JSON.readTree(file.toFile());
                if (condition.test(status)) {
                    return status;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the worker's status never showed what the test waits for:\n"
                + Files.readString(dir.resolve("stderr.txt")));
    }

    private static JsonNode status(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("status.json").toFile());
    }

    private static long sum(List<JsonNode> statuses, String messageCount) {
        return statuses.stream().mapToLong(s -> s.path("messages").path(messageCount).asLong()).sum();
    }

    private long documents() throws IOException {
        cluster.client().indices().refresh(r -> r.index("cloudtrail*"));
        return Searches.count(cluster.client(), "cloudtrail");
    }
}
