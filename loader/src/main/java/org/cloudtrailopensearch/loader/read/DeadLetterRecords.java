package org.cloudtrailopensearch.loader.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.cloudtrailopensearch.loader.read.ReadFailure.Reason;

/**
 * Reads a dead-letter file back as records ({@code load --from-dead-letter}), so that records rejected for a cause
 * since fixed (a cluster mapping, a mapper rule, an edited record) can be loaded again. Each entry's {@code record}
 * text becomes a {@link SourceRecord} of its original {@code source} and {@code index}: re-loading gives the same
 * document ids, so it never duplicates, and its own dead letters name the original file again.
 *
 * <p>An entry without a whole record cannot be loaded again and becomes a {@link ReadFailure} of its original source
 * and index, so a re-load still accounts for it (read = indexed + dead-lettered): a read failure (the lost rest of a
 * cut gzip stream, a file that is not CloudTrail) keeps its reason; a record kept only in part ({@code
 * record_truncated}) is {@code NOT_RELOADABLE}, as are entries that are not dead letters at all (named by the
 * dead-letter file and line). The file is streamed line by line, gzipped or not.
 */
public final class DeadLetterRecords {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Lines are as long as the records the writer got, which the reader capped: this only guards against junk. */
    private static final int MAX_LINE_BYTES = 1 << 30;

    private DeadLetterRecords() {
    }

    /**
     * Streams {@code deadLetterFile} into {@code visitor}.
     *
     * @throws IOException when the file cannot be opened or read (the run's input, not a record)
     */
    public static ReadSummary read(Path deadLetterFile, RecordVisitor visitor) throws IOException {
        CountingVisitor counting = new CountingVisitor(visitor);
        String file = deadLetterFile.toString();
        try (InputStream in = CloudTrailFileReader.decompressIfGzip(Files.newInputStream(deadLetterFile))) {
            new LineFramer(file, new ByteBlocks(in), MAX_LINE_BYTES, new RecordVisitor() {
                @Override
                public void onRecord(SourceRecord line) {
                    reload(file, line, counting);
                }

                @Override
                public void onFailure(ReadFailure failure) {
                    counting.onFailure(failure);
                }
            }).frame();
        }
        ReadSummary summary = counting.summary();
        return summary.records() + summary.failures() == 0 ? ReadSummary.EMPTY : summary;
    }

    private static void reload(String file, SourceRecord line, RecordVisitor visitor) {
        Entry entry;
        try {
            entry = line.isTruncated() ? null : Entry.parse(line.json());
        } catch (IOException e) {
            entry = null;
        }
        if (entry == null || entry.source == null || entry.index < 0) {
            visitor.onFailure(new ReadFailure(file, line.index(), Reason.NOT_RELOADABLE,
                    "line " + (line.index() + 1) + " of the dead-letter file is not a dead letter"));
        } else if (entry.record != null && !entry.truncated) {
            byte[] json = entry.exactBytes() != null ? entry.exactBytes() : entry.record.getBytes(StandardCharsets.UTF_8);
            visitor.onRecord(new SourceRecord(entry.source, entry.index, json, json.length));
        } else if (entry.record != null) {
            visitor.onFailure(new ReadFailure(entry.source, entry.index, Reason.NOT_RELOADABLE,
                    "the dead letter (" + file + " line " + (line.index() + 1) + ") holds only the first "
                            + entry.record.length() + " characters of the record (" + entry.reason + ": " + entry.message
                            + "); load it from its source with a larger record limit"));
        } else {
            visitor.onFailure(new ReadFailure(entry.source, entry.index, readReason(entry.reason),
                    "not reloadable, the dead letter (" + file + " line " + (line.index() + 1) + ") holds no record ("
                            + entry.reason + ": " + entry.message + ")"));
        }
    }

    private static Reason readReason(String reason) {
        for (Reason known : Reason.values()) {
            if (known.name().equals(reason)) {
                return known;
            }
        }
        return Reason.NOT_RELOADABLE;
    }

    /** The fields of one dead letter that a re-load needs (see DeadLetterWriter). */
    private static final class Entry {
        String source;
        long index = -1;
        String reason;
        String message;
        String record;
        String recordBase64;
        boolean truncated;

        /** The record's bytes as the source held them, when the writer kept them (not valid UTF-8); else null. */
        byte[] exactBytes() {
            try {
                return recordBase64 == null ? null : Base64.getDecoder().decode(recordBase64);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        static Entry parse(byte[] line) throws IOException {
            Entry entry = new Entry();
            try (JsonParser parser = JSON.createParser(line)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    JsonToken value = parser.nextToken();
                    switch (name) {
                        case "source" -> entry.source = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case "index" -> entry.index = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                        case "reason" -> entry.reason = parser.getValueAsString();
                        case "message" -> entry.message = parser.getValueAsString();
                        case "record" -> entry.record = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case "record_base64" -> entry.recordBase64 = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case "record_truncated" -> entry.truncated = value == JsonToken.VALUE_TRUE;
                        default -> parser.skipChildren();
                    }
                }
                if (parser.nextToken() != null) {
                    return null;
                }
            }
            return entry;
        }
    }
}
