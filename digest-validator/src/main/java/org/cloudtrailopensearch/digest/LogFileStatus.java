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
    UNREFERENCED
}
