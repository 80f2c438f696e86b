package org.cloudtrailopensearch.loader.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cloudtrailopensearch.digest.Failure;
import org.cloudtrailopensearch.digest.S3TrailSource;
import org.cloudtrailopensearch.digest.StoredObject;
import org.cloudtrailopensearch.loader.index.IntegrityRemarker;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity.DigestArrival;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity.Remark;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Queue mode's integrity step after an object is finished (every record indexed, dead-lettered or skipped), before
 * its message is deleted: a digest is verified and linked ({@link IncrementalIntegrity#digestArrived}), a log file is
 * reported loaded ({@link IncrementalIntegrity#logFileLoaded}), and the documents whose verdict is now known are
 * re-marked ({@link IntegrityRemarker}), then checked again ({@link IncrementalIntegrity#recheck}: another worker
 * may have changed a verdict meanwhile) until they hold. An {@link IOException} means the message must not be
 * deleted: its redelivery repeats the step, which is idempotent. Thread-safe.
 */
public final class IntegrityFollowUp {

    /** Reads a digest object's stored bytes and user metadata. */
    @FunctionalInterface
    public interface DigestReader {
        StoredObject open(String bucket, String objectKey) throws IOException;

        /** With S3 GetObject (user metadata from the response). */
        static DigestReader s3(S3Client s3) {
            Objects.requireNonNull(s3, "s3");
            return (bucket, objectKey) -> new S3TrailSource(s3, bucket, "").open(objectKey);
        }
    }

    /**
     * What the step did for one object.
     *
     * @param remarked documents re-marked
     * @param digest   for a digest object, its arrival (verdict, failures, gap); else empty
     */
    public record Outcome(long remarked, Optional<DigestArrival> digest) {
    }

    /** Rounds of re-mark and recheck before giving up (each further round needs another worker's concurrent change). */
    private static final int MAX_ROUNDS = 5;

    private final IncrementalIntegrity integrity;
    private final IntegrityRemarker remarker;
    private final DigestReader digests;
    private final PrintStream log;

    public IntegrityFollowUp(IncrementalIntegrity integrity, IntegrityRemarker remarker, DigestReader digests,
                             PrintStream log) {
        this.integrity = Objects.requireNonNull(integrity, "integrity");
        this.remarker = Objects.requireNonNull(remarker, "remarker");
        this.digests = Objects.requireNonNull(digests, "digests");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * @param bucket    the bucket the object was notified in (null for a local file)
     * @param objectKey its full key (for a local file: its key from {@code AWSLogs/} on, as the reader resolves it)
     */
    public Outcome objectFinished(LogObject object, String bucket, String objectKey) throws IOException {
        if (!object.isDigest()) {
            return new Outcome(remarkUntilSettled(integrity.logFileLoaded(object).stream().toList()), Optional.empty());
        }
        DigestArrival arrival;
        try (StoredObject stored = digests.open(bucket, objectKey)) {
            arrival = integrity.digestArrived(bucket, objectKey, stored.body().readAllBytes(), stored.userMetadata());
        }
        if (!arrival.valid()) {
            List<String> failures = new ArrayList<>();
            for (Failure failure : arrival.failures()) {
                failures.add(failure.check().description() + (failure.detail() == null ? "" : " (" + failure.detail() + ")"));
            }
            log.println("Digest " + arrival.digest().location() + " is INVALID: " + String.join("; ", failures)
                    + "; the log files it names are marked digest_invalid");
        }
        arrival.gap().ifPresent(gap -> log.println("Digest chain gap: " + gap));
        return new Outcome(remarkUntilSettled(arrival.remarks()), Optional.of(arrival));
    }

    private long remarkUntilSettled(List<Remark> remarks) throws IOException {
        long remarked = 0;
        for (int round = 0; !remarks.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IOException("the integrity verdicts of " + remarks.stream().map(Remark::path).toList()
                        + " kept changing while they were re-marked; the message is retried");
            }
            remarker.makeSearchable();
            for (Remark remark : remarks) {
                remarked += remarker.remark(remark.path(), remark.status());
            }
            remarks = integrity.recheck(remarks);
        }
        return remarked;
    }
}
