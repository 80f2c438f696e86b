package org.cloudtrailopensearch.digest;

/** What a consumer (the loader) should believe about one log file after validation. */
public enum IntegrityStatus {
    /** Hash matches a digest whose signature and chain checks all passed. */
    VALID,
    /** The file's bytes do not match its digest (or are not a single valid gzip member). */
    INVALID,
    /** The file's hash matches, but the digest naming it failed validation: not trustworthy. */
    DIGEST_INVALID,
    /** Present within the validated period but named by no digest. */
    NOT_IN_ANY_DIGEST,
    /** Named by a digest but absent from the source. */
    NOT_FOUND,
    /**
     * Outside what was validated (other account/region/time range, or not a CloudTrail log key), or named by a
     * digest whose log files were not hashed (chain-only validation: ask {@link LogFileExpectations#judge}).
     */
    NOT_VALIDATED,
    /**
     * Hashed, but no digest naming the file has been seen yet: incremental (queue-mode) validation, where a file's
     * digest is delivered up to about an hour after it. Not a failure; the verdict replaces it when the digest
     * arrives.
     */
    DIGEST_PENDING;

    /** Only {@link #VALID} files are proven unaltered. */
    public boolean isTrusted() {
        return this == VALID;
    }
}
