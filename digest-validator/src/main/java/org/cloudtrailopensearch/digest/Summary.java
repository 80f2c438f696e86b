package org.cloudtrailopensearch.digest;

/** Counts over a whole validation run. */
public record Summary(
        int chains,
        int digestsValid,
        int digestsInvalid,
        int digestsNotFound,
        int emptyDigests,
        int backfillDigestsValid,
        int backfillDigestsInvalid,
        int logFilesValid,
        int logFilesInvalid,
        int logFilesNotFound,
        int logFilesUnreferenced,
        int logFilesNotChecked,
        int chainRestarts,
        int chainBreaks,
        long uncompressedBytesHashed) {

    public int digestsTotal() {
        return digestsValid + digestsInvalid + digestsNotFound;
    }

    /** Log files named by the digests (hashed or, in chain-only validation, not). */
    public int logFilesTotal() {
        return logFilesValid + logFilesInvalid + logFilesNotFound + logFilesNotChecked;
    }

    /**
     * Whether anything failed: an invalid or missing digest or log, or an unreferenced log. A log file that was
     * not hashed (chain-only validation) is no failure by itself.
     */
    public boolean hasProblems() {
        return digestsInvalid + digestsNotFound + backfillDigestsInvalid + logFilesInvalid + logFilesNotFound
                + logFilesUnreferenced + chainBreaks > 0;
    }
}
