package org.cloudtrailopensearch.loader.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * @param recordBytes the record's exact bytes, base64, when they are not valid UTF-8: {@code record} then holds
 *                  them with each bad sequence replaced (readable, but not what the source held), and a re-load
 *                  takes these bytes instead, so it sees the record as it was; null otherwise
 */
public record DeadLetter(String source, long index, Stage stage, String reason, String message, String record,
        boolean truncated, String recordBytes) {

    /** A dead letter whose record, if any, is text as read. */
    public DeadLetter(String source, long index, Stage stage, String reason, String message, String record,
            boolean truncated) {
        this(source, index, stage, reason, message, record, truncated, null);
    }

    /** A record that was read but could not be mapped or indexed, kept whole (or as far as it was read). */
    public static DeadLetter of(SourceRecord record, Stage stage, Enum<?> reason, String message) {
        byte[] json = record.json();
        String exact = isUtf8(json) ? null : Base64.getEncoder().encodeToString(json);
        return new DeadLetter(record.source(), record.index(), stage, reason.name(), message,
                new String(json, StandardCharsets.UTF_8), record.isTruncated(), exact);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
