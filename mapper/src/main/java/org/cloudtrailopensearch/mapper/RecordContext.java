package org.cloudtrailopensearch.mapper;

import java.util.Locale;

/**
 * What the caller knows about a record beyond its JSON: where it was read from and what integrity validation said
 * of that file. The mapper writes it into the document ({@code log.file.path},
 * {@code aws.cloudtrail.log_file.integrity}), so nobody patches a document after it is made. Immutable.
 *
 * @param logFilePath the log file or object the record came from ({@code s3://bucket/key} or a path), or null
 * @param integrity   the file's verdict in lower case ({@code valid}, {@code invalid}, {@code digest_invalid}, ...),
 *                    or null when the file was not validated
 */
public record RecordContext(String logFilePath, String integrity) {

    private static final RecordContext NONE = new RecordContext(null, null);

    public RecordContext {
        integrity = integrity == null ? null : integrity.toLowerCase(Locale.ROOT);
    }

    /** No provenance: the document has neither field (what {@code map(...)} without a context writes). */
    public static RecordContext none() {
        return NONE;
    }

    /** A record read from {@code logFilePath}, not validated. */
    public static RecordContext of(String logFilePath) {
        return new RecordContext(logFilePath, null);
    }

    /** The same file with a verdict. */
    public RecordContext withIntegrity(String verdict) {
        return new RecordContext(logFilePath, verdict);
    }
}
