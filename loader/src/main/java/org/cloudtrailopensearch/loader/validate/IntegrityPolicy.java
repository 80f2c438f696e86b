package org.cloudtrailopensearch.loader.validate;

import java.util.List;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.digest.LogFileExpectations;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.loader.report.ChainResult;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * Decides, per log object, from the hash of the very bytes the load read, whether its records are indexed and
 * which integrity verdict their documents carry. Digest files are not log files: they are indexed unmarked in
 * every mode. Immutable.
 */
public final class IntegrityPolicy implements IntegrityJudge {

    private static final IntegrityPolicy NONE = new IntegrityPolicy(IntegrityMode.OFF, List.of(), List.of());

    private final IntegrityMode mode;
    private final List<LogFileExpectations> expectations;
    private final List<ChainResult> chains;

    private IntegrityPolicy(IntegrityMode mode, List<LogFileExpectations> expectations, List<ChainResult> chains) {
        this.mode = mode;
        this.expectations = List.copyOf(expectations);
        this.chains = List.copyOf(chains);
    }

    public static IntegrityPolicy none() {
        return NONE;
    }

    /**
     * @param expectations one per validated source (chain-only validation); a file takes the first verdict other
     *                     than {@code NOT_VALIDATED}
     * @param chains       what the chain validation said, for the report
     */
    public static IntegrityPolicy of(IntegrityMode mode, List<LogFileExpectations> expectations, List<ChainResult> chains) {
        return mode == IntegrityMode.OFF ? NONE : new IntegrityPolicy(mode, expectations, chains);
    }

    @Override
    public IntegrityMode mode() {
        return mode;
    }

    @Override
    public List<ChainResult> chains() {
        return chains;
    }

    /** Whether the object's stored bytes must be hashed as they are read (a log file, with integrity on). */
    @Override
    public boolean hashes(LogObject object) {
        return mode != IntegrityMode.OFF && !object.isDigest();
    }

    /** The verdict on an object whose stored bytes hashed to {@code hash}, and what the load does with its records. */
    @Override
    public Decision judge(LogObject object, LogFileHash hash) {
        IntegrityStatus status = expectations.stream().map(expected -> expected.judge(object.name(), hash))
                .filter(verdict -> verdict != IntegrityStatus.NOT_VALIDATED)
                .findFirst().orElse(IntegrityStatus.NOT_VALIDATED);
        if (mode == IntegrityMode.REFUSE && !status.isTrusted()) {
            return Decision.refuse(status);
        }
        return Decision.indexMarked(status);
    }
}
