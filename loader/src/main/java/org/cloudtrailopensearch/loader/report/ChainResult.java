package org.cloudtrailopensearch.loader.report;

/**
 * What validating one source's digest chain said, before any log file was read: the digests' signatures and links,
 * and which log files they name. The log files' own verdicts come from the load, which hashes the bytes it indexes.
 *
 * @param result             the chain's overall result ({@code VALID}, {@code INVALID}, {@code NO_DIGESTS})
 * @param logFilesNamed      log files the digests name
 * @param logFilesNotFound   named log files the source does not hold
 * @param logFilesInNoDigest log files the listing found in a validated folder and period that no digest names
 */
public record ChainResult(String source, String result, long digestsValid, long digestsTotal, long chainBreaks,
        long logFilesNamed, long logFilesNotFound, long logFilesInNoDigest) {
}
