package org.cloudtrailopensearch.digest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a validation run found: per-chain digest results and gaps, every log file (including
 * unreferenced ones), summary counts, the overall result and exit code, and an {@link IntegrityIndex}.
 */
public final class ValidationReport {

    /** Overall verdict. */
    public enum Result {
        /** Every digest and log in range is valid and no unreferenced log was found. */
        VALID,
        /** Something is invalid, missing or unreferenced. */
        INVALID,
        /** No digest was found in range: nothing could be proven. */
        NO_DIGESTS
    }

    private final String source;
    private final String publicKeys;
    private final Instant requestedStart;
    private final Instant requestedEnd;
    private final Instant validatedAt;
    private final boolean logFilesHashed;
    private final List<ChainReport> chains;
    private final List<LogFileResult> logFiles;
    private final Summary summary;
    private final IntegrityIndex integrity;
    private final LogFileExpectations expectations;

    ValidationReport(String source, String publicKeys, Instant requestedStart, Instant requestedEnd, Instant validatedAt,
                     boolean logFilesHashed, List<ChainReport> chains, List<LogFileResult> logFiles,
                     LogFileExpectations expectations) {
        this.source = source;
        this.publicKeys = publicKeys;
        this.requestedStart = requestedStart;
        this.requestedEnd = requestedEnd;
        this.validatedAt = validatedAt;
        this.logFilesHashed = logFilesHashed;
        this.chains = List.copyOf(chains);
        this.logFiles = List.copyOf(logFiles);
        this.summary = summarize(this.chains, this.logFiles);
        Map<String, LogFileResult> byKey = new HashMap<>();
        for (LogFileResult logFile : this.logFiles) {
            byKey.put(logFile.key(), logFile);
        }
        this.integrity = new IntegrityIndex(byKey);
        this.expectations = expectations;
    }

    private static Summary summarize(List<ChainReport> chains, List<LogFileResult> logFiles) {
        int valid = 0;
        int invalid = 0;
        int notFound = 0;
        int empty = 0;
        int backfillValid = 0;
        int backfillInvalid = 0;
        int restarts = 0;
        int breaks = 0;
        for (ChainReport chain : chains) {
            for (DigestResult digest : chain.digests()) {
                if (digest.backfill()) {
                    if (digest.status() == DigestStatus.VALID) {
                        backfillValid++;
                    } else {
                        backfillInvalid++;
                    }
                    continue;
                }
                switch (digest.status()) {
                    case VALID -> valid++;
                    case INVALID -> invalid++;
                    case NOT_FOUND -> notFound++;
                    default -> throw new IllegalStateException();
                }
                if (digest.empty()) {
                    empty++;
                }
            }
            for (Gap gap : chain.gaps()) {
                if (gap.kind() == Gap.Kind.CHAIN_RESTARTED) {
                    restarts++;
                } else {
                    breaks++;
                }
            }
        }
        int logsValid = 0;
        int logsInvalid = 0;
        int logsNotFound = 0;
        int unreferenced = 0;
        int notChecked = 0;
        long bytes = 0;
        for (LogFileResult logFile : logFiles) {
            bytes += logFile.uncompressedBytes();
            switch (logFile.status()) {
                case VALID -> logsValid++;
                case INVALID -> logsInvalid++;
                case NOT_FOUND -> logsNotFound++;
                case UNREFERENCED -> unreferenced++;
                case NOT_CHECKED -> notChecked++;
                default -> throw new IllegalStateException();
            }
        }
        return new Summary(chains.size(), valid, invalid, notFound, empty, backfillValid, backfillInvalid,
                logsValid, logsInvalid, logsNotFound, unreferenced, notChecked, restarts, breaks, bytes);
    }

    public String source() {
        return source;
    }

    public String publicKeys() {
        return publicKeys;
    }

    /** Requested start of the period (null: from the oldest digest). */
    public Instant requestedStart() {
        return requestedStart;
    }

    /** Requested end of the period (null: up to the newest digest). */
    public Instant requestedEnd() {
        return requestedEnd;
    }

    public Instant validatedAt() {
        return validatedAt;
    }

    /**
     * Whether the log files were read and hashed (the default). When not (chain-only validation), the named log
     * files are {@link LogFileStatus#NOT_CHECKED} and {@link #result()} speaks for the digests alone.
     */
    public boolean logFilesHashed() {
        return logFilesHashed;
    }

    public List<ChainReport> chains() {
        return chains;
    }

    /** Every log file checked or found unreferenced, sorted by key. */
    public List<LogFileResult> logFiles() {
        return logFiles;
    }

    public Summary summary() {
        return summary;
    }

    /** Lookup from a log file key/path/URI to its integrity status. */
    public IntegrityIndex integrity() {
        return integrity;
    }

    /**
     * What the run expects of each log file, to judge a file by the hash of the bytes actually read
     * ({@link LogFileExpectations#judge}); meant for chain-only runs, and gives the same verdicts after a full one.
     */
    public LogFileExpectations expectations() {
        return expectations;
    }

    public Result result() {
        if (summary.digestsTotal() + summary.backfillDigestsValid() + summary.backfillDigestsInvalid() == 0) {
            return Result.NO_DIGESTS;
        }
        return summary.hasProblems() ? Result.INVALID : Result.VALID;
    }

    /** 0 when {@link Result#VALID}; 1 when invalid, missing, unreferenced, or no digests at all. */
    public int exitCode() {
        return result() == Result.VALID ? 0 : 1;
    }
}
