package org.cloudtrailopensearch.loader.report;

/**
 * What validating one source's digest chain said, before any log file was read: the digests' signatures and links.
 * The log files' own verdicts come from the load, which hashes the bytes it indexes.
 *
 * @param result        the validator's overall result for the chain ({@code VALID}, {@code INVALID}, ...)
 * @param logFilesNamed log files the digests name
 */
public record ChainResult(String source, String result, long digestsValid, long digestsTotal, long chainBreaks,
        long logFilesNamed) {
}
