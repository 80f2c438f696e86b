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
        int chainRestarts,
        int chainBreaks,
        long uncompressedBytesHashed) {

    public int digestsTotal() {
        return digestsValid + digestsInvalid + digestsNotFound;
    }

    public int logFilesTotal() {
        return logFilesValid + logFilesInvalid + logFilesNotFound;
    }

    /** Whether anything failed: an invalid or missing digest or log, or an unreferenced log. */
    public boolean hasProblems() {
        return digestsInvalid + digestsNotFound + backfillDigestsInvalid + logFilesInvalid + logFilesNotFound
                + logFilesUnreferenced + chainBreaks > 0;
    }
}
