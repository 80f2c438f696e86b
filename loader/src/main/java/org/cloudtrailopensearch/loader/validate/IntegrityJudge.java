package org.cloudtrailopensearch.loader.validate;

import java.util.List;
import java.util.Optional;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.loader.report.ChainResult;
import org.cloudtrailopensearch.loader.report.SkipReason;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * The pipeline's integrity decision point: which objects are hashed as they are read, and, from the hash of the
 * very bytes read, whether an object's records are indexed and which verdict their documents carry. Batch loads
 * judge against chains validated up front ({@link IntegrityPolicy}); queue mode judges against digests as they
 * arrive ({@link IncrementalIntegrity}). Implementations are thread-safe.
 */
public interface IntegrityJudge {

    IntegrityMode mode();

    /** What chain validation said, for the report (empty when nothing was validated up front). */
    List<ChainResult> chains();

    /** Whether the object's stored bytes must be hashed as they are read. */
    boolean hashes(LogObject object);

    /** For objects that are not hashed: index, unmarked. */
    default Decision unhashed() {
        return Decision.INDEX_UNMARKED;
    }

    /** The verdict on an object whose stored bytes hashed to {@code hash}, and what the load does with its records. */
    Decision judge(LogObject object, LogFileHash hash);

    /**
     * @param index      whether the object's records are indexed
     * @param mark       the verdict to write into each document, if any ({@code valid}, {@code invalid}, ...)
     * @param skipReason when not indexed: the reason its records are counted as skipped
     * @param verdict    the object's integrity status, when it was judged
     */
    record Decision(boolean index, Optional<String> mark, SkipReason skipReason, Optional<IntegrityStatus> verdict) {
        public static final Decision INDEX_UNMARKED = new Decision(true, Optional.empty(), null, Optional.empty());

        /** Index the records, each marked with {@code status}. */
        public static Decision indexMarked(IntegrityStatus status) {
            return new Decision(true, Optional.of(markOf(status)), null, Optional.of(status));
        }

        /** Skip the records (refuse mode) because of {@code status}. */
        public static Decision refuse(IntegrityStatus status) {
            return new Decision(false, Optional.empty(), SkipReason.integrity(status), Optional.of(status));
        }
    }

    /** The value written into {@code aws.cloudtrail.log_file.integrity} for a verdict ({@code valid}, ...). */
    static String markOf(IntegrityStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
