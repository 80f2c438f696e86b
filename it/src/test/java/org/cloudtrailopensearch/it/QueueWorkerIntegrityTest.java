package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cloudtrailopensearch.it.support.CliProcess;
import org.cloudtrailopensearch.it.support.ElasticMqExtension;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.S3BucketExtension;
import org.cloudtrailopensearch.it.support.S3Notifications;
import org.cloudtrailopensearch.it.support.S3Notifications.Created;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.it.support.SignedTrailInBucket;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queue mode with {@code --verify-integrity mark}, end to end through the CLI: a signed trail in S3Proxy, one log
 * object replaced after it was written, notifications for every log object first and the hourly digests after them
 * (as CloudTrail delivers them). The worker indexes each log file as {@code digest_pending}, verifies each digest as
 * it arrives and re-marks: every document ends {@code valid}, except those of the replaced file ({@code invalid});
 * none stays pending, and the queue is empty.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class QueueWorkerIntegrityTest {

    private static final String BUCKET = "signed-queued-trail";

    @RegisterExtension
    static final S3BucketExtension s3 = new S3BucketExtension(BUCKET);
    @RegisterExtension
    static final ElasticMqExtension sqs = new ElasticMqExtension();

    @TempDir
    Path work;

    @Test
    void digestsArrivingAfterTheirLogFilesTurnPendingMarksIntoVerdicts(OpenSearchCluster cluster) throws Exception {
        String endpoint = s3.endpoint().toString();
        SignedTrailInBucket trail = SignedTrailInBucket.generate(s3, BUCKET, work, 3, 40, 31, 0);
        List<Created> logs = trail.logs();
        List<Created> digests = trail.digests();
        String replaced = trail.replacedKey();
        Path keys = trail.publicKeys();
        assertTrue(digests.size() >= 3 && logs.size() >= 3, digests.size() + " digests, " + logs.size() + " logs");
        String queue = sqs.createQueue("integrity", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        try (SqsClient client = sqs.client()) {
            for (Created log : logs) {
                client.sendMessage(m -> m.queueUrl(queue).messageBody(S3Notifications.direct(List.of(log))));
            }
            for (Created digest : digests) {
                client.sendMessage(m -> m.queueUrl(queue).messageBody(S3Notifications.throughSns(List.of(digest))));
            }
        }
        assertEquals(0, Main.run("setup", "--opensearch-url", cluster.url().toString()));

        CliProcess.Result run = CliProcess.runInProcess("worker", "--sqs-queue-url", queue,
                "--sqs-endpoint-url", sqs.endpoint().toString(), "--endpoint-url", endpoint,
                "--bucket-region", "us-east-1", "--opensearch-url", cluster.url().toString(), "--no-setup",
                "--verify-integrity", "mark", "--chain-state", work.resolve("chains.jsonl").toString(),
                "--public-keys", keys.toString(), "--dead-letter", work.resolve("dead-letters.ndjson").toString(),
                "--once", "--wait-time", "1s", "--max-in-flight", "1");

        assertEquals(0, run.exitCode(), run.stderr());
        cluster.client().indices().refresh(r -> r.index("cloudtrail*"));
        long all = cluster.client().count(c -> c.index("cloudtrail")).count();
        long replacedRecords = countWhere(cluster, "log.file.path", "s3://" + BUCKET + "/" + replaced);
        assertEquals(3, replacedRecords, "the replaced object's three records are indexed");
        assertEquals(replacedRecords, countWhere(cluster, "aws.cloudtrail.log_file.integrity", "invalid"));
        assertEquals(0, countWhere(cluster, "aws.cloudtrail.log_file.integrity", "digest_pending"), run.stderr());
        long digestDocuments = digests.size();
        assertEquals(all - replacedRecords - digestDocuments,
                countWhere(cluster, "aws.cloudtrail.log_file.integrity", "valid"),
                "every other log file's documents are proven by the digests that arrived after them");
        assertArrayEquals(new long[] {0, 0}, sqs.depth(queue), "every message deleted");
    }

    private static long countWhere(OpenSearchCluster cluster, String field, String value) throws Exception {
        return Searches.count(cluster.client(), "cloudtrail", field, value);
    }
}
