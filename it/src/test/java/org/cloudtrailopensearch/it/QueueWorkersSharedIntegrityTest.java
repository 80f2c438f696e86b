package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cloudtrailopensearch.digest.LocalPublicKeys;
import org.cloudtrailopensearch.it.support.CliProcess;
import org.cloudtrailopensearch.it.support.ElasticMqExtension;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.S3BucketExtension;
import org.cloudtrailopensearch.it.support.S3Notifications;
import org.cloudtrailopensearch.it.support.S3Notifications.Created;
import org.cloudtrailopensearch.it.support.S3ProxyServer;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.it.support.SignedTrailInBucket;
import org.cloudtrailopensearch.loader.cli.Main;
import org.cloudtrailopensearch.loader.state.IndexChainStore;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queue mode with {@code --verify-integrity mark} and several workers, each its own JVM, sharing the chain state
 * through the cluster ({@code --chain-state-index}). The objects are spread so that every cross-worker case happens
 * for certain: two queues, log files alternating between them and each digest on the other queue than its
 * predecessor, so a digest's files were loaded partly by another worker and its predecessor was received by
 * another worker; each queue's messages are shuffled, so digests and logs arrive in mixed order. The second digest
 * is held back: its successor reports the gap and the files only it names stay {@code digest_pending}; then it
 * arrives at the other queue's worker, which links it to the successor the other worker recorded. At the end
 * every log document is {@code valid} but those of a replaced object ({@code invalid}), none pending, the chain has
 * no gap and every digest verifies, and both queues are empty.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class QueueWorkersSharedIntegrityTest {

    private static final String BUCKET = "shared-chain-trail";
    /** Deleted before each test by the node extension (it-*). */
    private static final String CHAINS = "it-chains-shared";

    @RegisterExtension
    static final S3BucketExtension s3 = new S3BucketExtension(BUCKET);
    @RegisterExtension
    static final ElasticMqExtension sqs = new ElasticMqExtension();

    @TempDir
    Path work;

    @Test
    void workersSharingTheChainStateJudgeWhatOtherWorkersLoadedAndLinkWhatOthersReceived(OpenSearchCluster cluster)
            throws Exception {
        SignedTrailInBucket trail = SignedTrailInBucket.generate(s3, BUCKET, work, 4, 30, 41, 3);
        List<Created> logs = trail.logs();
        List<Created> digests = trail.digests();
        String replaced = trail.replacedKey();
        Path keys = trail.publicKeys();
        assertTrue(digests.size() >= 4, digests.size() + " digests");

        String queueA = sqs.createQueue("shared-chains-a", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        String queueB = sqs.createQueue("shared-chains-b", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        List<Created> toA = new ArrayList<>();
        List<Created> toB = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            (i % 2 == 0 ? toA : toB).add(logs.get(i));
        }
        Created heldBack = digests.get(1);
        for (int i = 0; i < digests.size(); i++) {
            if (i != 1) {
                (i % 2 == 0 ? toB : toA).add(digests.get(i));
            }
        }
        Collections.shuffle(toA, new Random(7));
        Collections.shuffle(toB, new Random(8));
        send(queueA, toA);
        send(queueB, toB);
        assertEquals(0, Main.run("setup", "--opensearch-url", cluster.url().toString()));

        // Two workers on queue A, one on queue B, all at once.
        List<Process> workers = List.of(startWorker(cluster, queueA, work.resolve("a1")),
                startWorker(cluster, queueB, work.resolve("b1")), startWorker(cluster, queueA, work.resolve("a2")));
        for (Process worker : workers) {
            assertTrue(worker.waitFor(4, TimeUnit.MINUTES), "a worker did not end");
        }
        String stderr = stderrOf("a1") + stderrOf("b1") + stderrOf("a2");
        for (Process worker : workers) {
            assertEquals(0, worker.exitValue(), stderr);
        }
        assertTrue(stderrOf("b1").contains("Digest chain gap") && stderrOf("b1").contains(key(heldBack)),
                "the successor of the held-back digest reports the gap:\n" + stderr);
        cluster.client().indices().refresh(r -> r.index("cloudtrail*"));
        assertTrue(countWhere(cluster, "aws.cloudtrail.log_file.integrity", "digest_pending") > 0,
                "the files only the held-back digest names wait for it");

        send(queueA, List.of(heldBack));
        Process late = startWorker(cluster, queueA, work.resolve("a3"));
        assertTrue(late.waitFor(4, TimeUnit.MINUTES), "the last worker did not end");
        assertEquals(0, late.exitValue(), stderrOf("a3"));
        assertFalse(stderrOf("a3").contains("INVALID") || stderrOf("a3").contains("Digest chain gap"), stderrOf("a3"));

        cluster.client().indices().refresh(r -> r.index("cloudtrail*"));
        long all = cluster.client().count(c -> c.index("cloudtrail")).count();
        long replacedRecords = countWhere(cluster, "log.file.path", "s3://" + BUCKET + "/" + replaced);
        assertEquals(3, replacedRecords, "the replaced object's three records are indexed");
        assertEquals(0, countWhere(cluster, "aws.cloudtrail.log_file.integrity", "digest_pending"), stderr);
        assertEquals(replacedRecords, countWhere(cluster, "aws.cloudtrail.log_file.integrity", "invalid"));
        assertEquals(all - replacedRecords - digests.size(),
                countWhere(cluster, "aws.cloudtrail.log_file.integrity", "valid"),
                "every other log file is proven, whichever worker loaded it and whichever received its digest");
        assertArrayEquals(new long[] {0, 0}, sqs.depth(queueA), "every message deleted");
        assertArrayEquals(new long[] {0, 0}, sqs.depth(queueB), "every message deleted");

        try (IncrementalIntegrity chains = IncrementalIntegrity.open(IndexChainStore.open(cluster.client(), CHAINS),
                LocalPublicKeys.load(List.of(keys)), Duration.ofDays(7))) {
            List<IncrementalIntegrity.ChainStatus> status = chains.chainStatus();
            assertEquals(1, status.size(), status.toString());
            assertEquals(digests.size(), status.get(0).digests());
            assertEquals(digests.size(), status.get(0).digestsValid(), "every link checked and intact");
            assertEquals(List.of(), status.get(0).gaps(), "the late digest closed the gap on another worker's successor");
        }
    }

    private static void send(String queue, List<Created> objects) {
        try (SqsClient client = sqs.client()) {
            for (Created object : objects) {
                client.sendMessage(m -> m.queueUrl(queue).messageBody(S3Notifications.direct(List.of(object))));
            }
        }
    }

    private Process startWorker(OpenSearchCluster cluster, String queue, Path dir) throws Exception {
        return CliProcess.start(dir, S3ProxyServer.CREDENTIALS_ENVIRONMENT,
                "worker", "--sqs-queue-url", queue, "--sqs-endpoint-url", sqs.endpoint().toString(),
                "--endpoint-url", s3.endpoint().toString(), "--bucket-region", "us-east-1",
                "--opensearch-url", cluster.url().toString(), "--no-setup",
                "--verify-integrity", "mark", "--chain-state-index", CHAINS,
                "--public-keys", work.resolve("public-keys.json").toString(),
                "--dead-letter", dir.resolve("dead-letters.ndjson").toString(),
                "--once", "--wait-time", "1s", "--max-in-flight", "2");
    }

    private String stderrOf(String worker) throws Exception {
        return Files.readString(work.resolve(worker).resolve("stderr.txt"));
    }

    private static String key(Created object) {
        return object.key().substring(object.key().indexOf("AWSLogs/"));
    }

    private static long countWhere(OpenSearchCluster cluster, String field, String value) throws Exception {
        return Searches.count(cluster.client(), "cloudtrail", field, value);
    }
}
