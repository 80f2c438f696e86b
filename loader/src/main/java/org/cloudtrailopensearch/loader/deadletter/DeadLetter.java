package org.cloudtrailopensearch.loader.deadletter;

import java.nio.charset.StandardCharsets;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.loader.report.Stage;

/**
 * One entry of the dead-letter file: what could not be indexed, where it came from and why.
 *
 * @param source    the log object ({@code path} or {@code s3://bucket/key})
 * @param index     the record's index in the object (for read failures: the first record lost)
 * @param stage     where it failed (written as {@code read}, {@code map}, {@code index})
 * @param reason    a stable reason code, e.g. {@code MALFORMED_JSON}, {@code NOT_CLOUDTRAIL}
 * @param message   a human explanation
 * @param record    the record's raw JSON text, when there is one
 * @param truncated true when {@code record} is only the start of an oversize record
 */
public record DeadLetter(String source, long index, Stage stage, String reason, String message, String record,
        boolean truncated) {

    /** A record that was read but could not be mapped or indexed, kept whole (or as far as it was read). */
    public static DeadLetter of(SourceRecord record, Stage stage, Enum<?> reason, String message) {
        return new DeadLetter(record.source(), record.index(), stage, reason.name(), message,
                new String(record.json(), StandardCharsets.UTF_8), record.isTruncated());
    }
}
