package org.cloudtrailopensearch.loader.read;

/**
 * A record, or the rest of a file, that could not be read; counted as one record read and dead-lettered.
 * {@code index} is the record's index, or for damage that ends the file (a gzip stream cut short, a file that
 * ends inside the {@code Records} array) the first record lost; for a whole-file verdict (not a CloudTrail file,
 * cannot be opened) it is 0.
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
        /** The JSON is not well-formed at this point (a record cut off, bytes where no record can be framed). */
        MALFORMED_JSON,
        /** Not shaped like a CloudTrail log file or CloudTrail records one per line. */
        NOT_CLOUDTRAIL_FILE,
        /** A dead letter that holds no whole record to load again (see {@link DeadLetterRecords}). */
        NOT_RELOADABLE
    }

    /** {@code source#index}, as used in messages and dead letters. */
    public String location() {
        return source + "#" + index;
    }
}
