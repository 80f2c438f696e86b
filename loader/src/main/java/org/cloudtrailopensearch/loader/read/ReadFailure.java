package org.cloudtrailopensearch.loader.read;

/**
 * Part of a CloudTrail file that could not be read. The damage stops the reader (a truncated gzip stream,
 * broken JSON inside a {@code Records} array), so {@code index} is the first record lost and this one failure
 * covers the rest of the file.
 */
public record ReadFailure(String source, long index, Reason reason, String message) {

    /** Stable names: they appear in dead-letter files and reports. */
    public enum Reason {
        /** The file could not be opened or downloaded. */
        UNREADABLE_OBJECT,
        /** The gzip stream ends early. */
        TRUNCATED_GZIP,
        /** The gzip stream is damaged. */
        CORRUPT_GZIP,
        /** The JSON is not well-formed at this point. */
        MALFORMED_JSON,
        /** Well-formed JSON, but not shaped like a CloudTrail log file. */
        NOT_CLOUDTRAIL_FILE
    }

    /** {@code source#index}, as used in messages and dead letters. */
    public String location() {
        return source + "#" + index;
    }
}
