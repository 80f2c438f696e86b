package org.cloudtrailopensearch.loader.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cloudtrailopensearch.digest.IntegrityIndex;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.loader.report.SkipReason;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * Decides, per log object, whether its records are indexed and which integrity verdict their documents
 * carry. Digest files are not log files: they are indexed unmarked in every mode.
 */
public final class IntegrityPolicy {

    private static final IntegrityPolicy NONE = new IntegrityPolicy(IntegrityMode.OFF, null);

    private final IntegrityMode mode;
    private final List<IntegrityIndex> verdicts;

    private IntegrityPolicy(IntegrityMode mode, List<IntegrityIndex> verdicts) {
        this.mode = mode;
        this.verdicts = verdicts;
    }

    public static IntegrityPolicy none() {
        return NONE;
    }

    /** @param verdicts one index per validated source; a file takes the first verdict that covers it */
    public static IntegrityPolicy of(IntegrityMode mode, List<IntegrityIndex> verdicts) {
        return mode == IntegrityMode.OFF ? NONE : new IntegrityPolicy(mode, List.copyOf(verdicts));
    }

    public Decision decide(LogObject object) {
        if (mode == IntegrityMode.OFF || object.isDigest()) {
            return Decision.INDEX_UNMARKED;
        }
        IntegrityStatus status = verdicts.stream().map(index -> index.statusOf(object.name()))
                .filter(verdict -> verdict != IntegrityStatus.NOT_VALIDATED)
                .findFirst().orElse(IntegrityStatus.NOT_VALIDATED);
        if (mode == IntegrityMode.REFUSE && !status.isTrusted()) {
            return new Decision(false, Optional.empty(), SkipReason.integrity(status));
        }
        return new Decision(true, Optional.of(status.name().toLowerCase(Locale.ROOT)), null);
    }

    /**
     * @param index      whether the object's records are indexed
     * @param mark       the verdict to write into each document, if any ({@code valid}, {@code invalid}, ...)
     * @param skipReason when not indexed: the reason its records are counted as skipped
     */
    public record Decision(boolean index, Optional<String> mark, SkipReason skipReason) {
        static final Decision INDEX_UNMARKED = new Decision(true, Optional.empty(), null);
    }
}
