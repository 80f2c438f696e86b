package org.cloudtrailopensearch.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cloudtrailopensearch.benchmarks.loader.BenchTrail;
import org.cloudtrailopensearch.benchmarks.loader.ClusterLoadBenchmark;
import org.cloudtrailopensearch.benchmarks.loader.ClusterLoadBenchmark.ClusterUnderTest;
import org.cloudtrailopensearch.benchmarks.loader.ClusterLoadBenchmark.MeasuredLoad;
import org.cloudtrailopensearch.it.support.CliProcess;
import org.cloudtrailopensearch.it.support.ElasticMqServer;
import org.cloudtrailopensearch.it.support.S3Notifications;
import org.cloudtrailopensearch.it.support.S3Notifications.Created;
import org.cloudtrailopensearch.it.support.S3ProxyServer;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Queue mode scaled out (issue 12): documents/s of 1, 2 and 4 {@code worker} processes sharing one SQS queue, each
 * worker its own JVM, into the same local OpenSearch cluster, next to the raw {@code _bulk} ceiling measured in the
 * same round against that cluster ({@link ClusterLoadBenchmark#measure}). The trail's objects are in a real S3 API
 * (S3Proxy, in this JVM); before each measured run a fresh queue on a real SQS API (ElasticMQ, in this JVM) gets one
 * S3 event notification per object, as S3 sends them, untimed. The run is timed from the workers' start until the
 * last one ended with {@code --once} (queue empty, nothing in flight anywhere), so it includes their JVM start and
 * first minutes with cold caches, as a freshly scaled-out worker has.
 *
 * <p>After each run it checks that nothing was lost, and fails otherwise: the exact number of documents in the
 * cluster, the queue empty, every message deleted, every worker's records reconciled with none dead-lettered.
 *
 * <p>It lives in the {@code it} module's test sources because S3Proxy and ElasticMQ (and the support code that starts
 * them) are there; run it from the checkout's root with the profile of the same name (see BENCHMARKS.md):
 *
 * <pre>
 * mvn -q -pl it -am test-compile -Pqueue-scaling-benchmark -Dqueue.bench.args='/tmp/queue-bench 12 3 3'
 * </pre>
 *
 * Arguments: work folder (the trail is generated there when absent), hours of activity, rounds, nodes, then
 * {@code --workers 1,2,4} and {@code --heap 512m} (per node).
 */
public final class QueueScalingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "cloudtrail-bench";

    private QueueScalingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        String heap = "512m";
        List<Integer> workerCounts = List.of(1, 2, 4);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--heap" -> heap = args[++i];
                case "--workers" -> workerCounts = Stream.of(args[++i].split(",")).map(Integer::valueOf).toList();
                default -> positional.add(args[i]);
            }
        }
        BenchTrail input = BenchTrail.fromArgs(positional.toArray(String[]::new));
        int nodes = positional.size() > 3 ? Integer.parseInt(positional.get(3)) : 3;
        Path trail = input.trail();
        try (S3ProxyServer s3 = S3ProxyServer.start(); ElasticMqServer sqs = ElasticMqServer.start()) {
            List<Created> objects = upload(trail, s3);
            System.out.printf("%d objects of %s in S3Proxy bucket %s%n", objects.size(), trail, BUCKET);
            Map<String, MeasuredLoad> loads = new LinkedHashMap<>();
            for (int workers : workerCounts) {
                String name = workers + (workers == 1 ? " worker" : " workers");
                loads.put(name, new QueueWorkers(workers, objects, s3, sqs));
            }
            ClusterLoadBenchmark.measure(input, nodes, heap, loads);
        }
    }

    /**
     * The trail's log and digest files, under their paths as keys: the objects the deployment in the README has S3
     * announce (suffix {@code .json.gz}; the digests' signature sidecars are not announced).
     */
    private static List<Created> upload(Path trail, S3ProxyServer s3) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(trail.resolve("AWSLogs"))) {
            files = walk.filter(file -> Files.isRegularFile(file) && file.toString().endsWith(".json.gz"))
                    .sorted().toList();
        }
        List<Created> objects = new ArrayList<>();
        try (S3Client client = s3.client()) {
            client.createBucket(b -> b.bucket(BUCKET));
            for (Path file : files) {
                String key = trail.relativize(file).toString().replace('\\', '/');
                String eTag = client.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromFile(file)).eTag();
                objects.add(new Created(BUCKET, key, Files.size(file), eTag));
            }
        }
        return objects;
    }

    /** N worker processes on a queue announcing every object; returns the documents in the cluster afterwards. */
    private static final class QueueWorkers implements MeasuredLoad {

        private final int workers;
        private final List<Created> objects;
        private final S3ProxyServer s3;
        private final ElasticMqServer sqs;
        private int runs;
        private String queue;
        private Path dir;

        QueueWorkers(int workers, List<Created> objects, S3ProxyServer s3, ElasticMqServer sqs) {
            this.workers = workers;
            this.objects = objects;
            this.s3 = s3;
            this.sqs = sqs;
        }

        @Override
        public void prepare(ClusterUnderTest cluster) throws IOException {
            runs++;
            String name = workers + "-workers-run-" + runs;
            dir = Files.createDirectories(cluster.work().resolve(name));
            queue = sqs.createQueue(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"));
            try (SqsClient client = sqs.client()) {
                for (int i = 0; i < objects.size(); i += 10) {
                    List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                    for (Created object : objects.subList(i, Math.min(i + 10, objects.size()))) {
                        // S3 sends one record per message.
                        batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.size()))
                                .messageBody(S3Notifications.direct(List.of(object))).build());
                    }
                    if (client.sendMessageBatch(b -> b.queueUrl(queue).entries(batch)).hasFailed()) {
                        throw new IllegalStateException("ElasticMQ refused part of a batch of notifications");
                    }
                }
            }
            long[] depth = sqs.depth(queue);
            if (depth[0] != objects.size()) {
                throw new IllegalStateException(depth[0] + " messages visible, " + objects.size() + " sent");
            }
        }

        @Override
        public long run(ClusterUnderTest cluster) throws Exception {
            List<Process> processes = new ArrayList<>();
            try {
                for (int w = 1; w <= workers; w++) {
                    processes.add(start(cluster, dir.resolve("w" + w)));
                }
                for (int w = 1; w <= workers; w++) {
                    Process process = processes.get(w - 1);
                    Path workerDir = dir.resolve("w" + w);
                    if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
                        throw new IllegalStateException("worker " + w + " of " + workers + " did not end with exit 0 ("
                                + (process.isAlive() ? "still running" : "exit " + process.exitValue()) + "): "
                                + workerDir.resolve("stderr.txt"));
                    }
                }
            } finally {
                processes.forEach(Process::destroyForcibly);
            }
            cluster.client().indices().refresh(r -> r.index(CloudTrailIndexTemplates.indexPattern()));
            long documents = cluster.client().count(c -> c.index(CloudTrailIndexTemplates.indexPattern())).count();
            checkNothingLost(documents);
            // Before merges settle, so only a first look at the disk a document takes (for the sizing note).
            double storeBytes = cluster.client().indices().stats(s -> s.index(CloudTrailIndexTemplates.indexPattern()))
                    .all().primaries().store().sizeInBytes();
            System.out.printf("  %d worker(s): primaries' store %.0f bytes per document (not merged)%n", workers,
                    storeBytes / documents);
            return documents;
        }

        /** A worker as its own JVM ({@code java -cp ... Main worker}); AWS credentials from its environment only. */
        private Process start(ClusterUnderTest cluster, Path workerDir) throws IOException {
            return CliProcess.start(workerDir, S3ProxyServer.CREDENTIALS_ENVIRONMENT,
                    "worker", "--sqs-queue-url", queue, "--sqs-endpoint-url", sqs.endpoint().toString(),
                    "--endpoint-url", s3.endpoint().toString(), "--bucket-region", "us-east-1",
                    "--opensearch-url", cluster.urlList(), "--no-setup", "--once", "--wait-time", "2s",
                    "--dead-letter", workerDir.resolve("dead-letters.ndjson").toString(),
                    "--status-file", workerDir.resolve("status.json").toString(), "--status-interval", "10s",
                    "--summary-json", workerDir.resolve("summary.json").toString());
        }

        /**
         * Queue empty, every message deleted once, each worker's records reconciled and none dead-lettered; prints
         * one line saying so (the document count itself is checked against the trail by the caller).
         */
        private void checkNothingLost(long documents) throws IOException {
            long[] depth = sqs.depth(queue);
            long deleted = 0;
            long redelivered = 0;
            long read = 0;
            List<Long> readByWorker = new ArrayList<>();
            for (int w = 1; w <= workers; w++) {
                JsonNode status = JSON.readTree(dir.resolve("w" + w).resolve("status.json").toFile());
                JsonNode records = status.path("records");
                long workerRead = records.path("read").asLong();
                if (!"stopped".equals(status.path("state").asText()) || records.path("dead_lettered").asLong() != 0
                        || workerRead != records.path("indexed").asLong() + records.path("skipped").asLong()) {
                    throw new IllegalStateException("worker " + w + " lost or dead-lettered records: " + status);
                }
                deleted += status.path("messages").path("deleted").asLong();
                redelivered += status.path("messages").path("redelivered").asLong();
                read += workerRead;
                readByWorker.add(workerRead);
            }
            if (depth[0] != 0 || depth[1] != 0 || deleted < objects.size()) {
                throw new IllegalStateException("queue " + queue + ": " + depth[0] + " visible, " + depth[1]
                        + " in flight, " + deleted + " of " + objects.size() + " messages deleted");
            }
            System.out.printf("  %d worker(s): %d documents in the cluster; queue empty (0 visible, 0 in flight); "
                            + "%d of %d messages deleted, %d redelivered; records read %d (per worker %s), "
                            + "0 dead-lettered%n", workers, documents, deleted, objects.size(), redelivered, read,
                    readByWorker);
        }
    }
}
