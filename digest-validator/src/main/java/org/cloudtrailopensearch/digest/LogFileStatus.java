package org.cloudtrailopensearch.digest;

/** Outcome for one log file. */
public enum LogFileStatus {
    /** Hash matches the digest naming it. */
    VALID,
    /** Named by a digest but the bytes fail (hash, gzip format, trailing data...). */
    INVALID,
    /** Named by a digest but absent. */
    NOT_FOUND,
    /** Present within the validated period but named by no digest (possibly injected). */
    UNREFERENCED,
    /**
     * Named by a digest, but its bytes were not read: chain-only validation
     * ({@link DigestValidator.Builder#hashLogFiles(boolean) hashLogFiles(false)}). Its verdict comes from
     * {@link LogFileExpectations#judge} with the hash of the bytes actually read.
     */
    NOT_CHECKED
}
