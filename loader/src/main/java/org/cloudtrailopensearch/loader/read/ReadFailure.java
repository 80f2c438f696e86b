package org.cloudtrailopensearch.loader.read;

import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * Part of a log object that could not be read. When the damage stops the reader (a truncated gzip
 * stream, broken JSON inside a {@code Records} array), {@code index} is the first record lost and the
 * rest of the object is covered by this one failure.
 */
public record ReadFailure(LogObject object, long index, Reason reason, String message) {

    /** Stable names: they appear in dead-letter files and reports. */
    public enum Reason {
        /** The object could not be opened or downloaded. */
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

    public String location() {
        return object.name() + "#" + index;
    }
}
