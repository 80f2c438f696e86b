package org.cloudtrailopensearch.loader.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.cloudtrailopensearch.loader.read.ReadFailure.Reason;

/**
 * Streams the records out of one CloudTrail file, one at a time, never holding the whole file.
 *
 * <p>Accepted shapes, gzipped or not (detected by the gzip magic bytes, not the name): a CloudTrail log
 * file {@code {"Records":[...]}}, parsed element by element, or one JSON record per line (NDJSON; a digest
 * file is a one-line object). Records reach the visitor as bytes;
 * a record larger than the limit is cut there and marked truncated, so one huge record cannot exhaust
 * memory. Damage is reported as a {@link ReadFailure} naming the file and record index; nothing here
 * throws for bad content. Thread-safe: it keeps no state between calls.
 *
 * <pre>{@code
 * new CloudTrailFileReader(1 << 20).read("x.json.gz", () -> Files.newInputStream(path), new RecordVisitor() {
 *     public void onRecord(SourceRecord record) { handle(mapper.encode(record.json(), RecordContext.of(record.source()))); }
 *     public void onFailure(ReadFailure failure) { report(failure.location() + ": " + failure.message()); }
 * });
 * }</pre>
 */
public final class CloudTrailFileReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern RECORDS_FILE = Pattern.compile("^\\s*\\{\\s*\"Records\"\\s*:", Pattern.DOTALL);
    private static final int SNIFF_BYTES = 256;

    private final int maxRecordBytes;

    /** @param maxRecordBytes records are kept up to this size; larger ones arrive truncated */
    public CloudTrailFileReader(int maxRecordBytes) {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive");
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Opens a file's stored bytes (the reader closes the stream). */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** Reads every record of the file {@code opener} opens into {@code visitor}; {@code source} names it in results. */
    public void read(String source, Opener opener, RecordVisitor visitor) {
        long[] next = {0};
        try (InputStream stored = opener.open()) {
            InputStream content = decompressIfGzip(new BufferedInputStream(stored, 64 * 1024));
            if (startsLikeRecordsFile(content)) {
                readRecordsArray(source, content, visitor, next);
            } else {
                readLines(source, content, visitor, next);
            }
        } catch (EOFException e) {
            visitor.onFailure(new ReadFailure(source, next[0], Reason.TRUNCATED_GZIP,
                    "the gzip stream ends early (" + e.getMessage() + "); records from index " + next[0] + " on are lost"));
        } catch (ZipException e) {
            visitor.onFailure(new ReadFailure(source, next[0], Reason.CORRUPT_GZIP,
                    "the gzip stream is damaged (" + e.getMessage() + "); records from index " + next[0] + " on are lost"));
        } catch (JsonProcessingException e) {
            visitor.onFailure(new ReadFailure(source, next[0], Reason.MALFORMED_JSON,
                    e.getOriginalMessage() + " at " + describe(e) + "; records from index " + next[0] + " on are lost"));
        } catch (NotCloudTrailFile e) {
            visitor.onFailure(new ReadFailure(source, next[0], Reason.NOT_CLOUDTRAIL_FILE, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            visitor.onFailure(new ReadFailure(source, next[0], Reason.UNREADABLE_OBJECT,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static InputStream decompressIfGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
        }
        return in;
    }

    private static boolean startsLikeRecordsFile(InputStream content) throws IOException {
        content.mark(SNIFF_BYTES);
        byte[] head = content.readNBytes(SNIFF_BYTES);
        content.reset();
        return RECORDS_FILE.matcher(new String(head, StandardCharsets.UTF_8)).find();
    }

    private void readRecordsArray(String source, InputStream content, RecordVisitor visitor, long[] next)
            throws IOException {
        CappedBuffer buffer = new CappedBuffer(maxRecordBytes);
        try (JsonParser parser = JSON.createParser(content)) {
            parser.nextToken(); // START_OBJECT
            parser.nextToken(); // FIELD_NAME "Records" (the sniffing guarantees it)
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new NotCloudTrailFile("\"Records\" is " + parser.currentToken() + ", not an array");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new EOFException("the Records array is not closed");
                }
                buffer.reset();
                try (JsonGenerator generator = JSON.createGenerator(buffer)) {
                    generator.copyCurrentStructure(parser);
                }
                visitor.onRecord(new SourceRecord(source, next[0], buffer.toByteArray(), buffer.total()));
                next[0]++;
            }
            // Whatever follows the array (other fields of the envelope) carries no records.
            parser.skipChildren();
        }
    }

    private void readLines(String source, InputStream content, RecordVisitor visitor, long[] next)
            throws IOException {
        CappedBuffer line = new CappedBuffer(maxRecordBytes);
        long lineIndex = 0;
        int b;
        while (true) {
            b = content.read();
            if (b == '\n' || b == -1) {
                if (!line.isEmpty() && !line.isBlank()) {
                    next[0] = lineIndex;
                    visitor.onRecord(new SourceRecord(source, lineIndex, trimCarriageReturn(line), line.total()));
                }
                if (b == -1) {
                    return;
                }
                line.reset();
                lineIndex++;
                next[0] = lineIndex;
            } else {
                line.write(b);
            }
        }
    }

    private static byte[] trimCarriageReturn(CappedBuffer line) {
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }

    private static String describe(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Thrown internally when a file is JSON but not a CloudTrail log file. */
    private static final class NotCloudTrailFile extends IOException {
        private static final long serialVersionUID = 1L;

        NotCloudTrailFile(String message) {
            super(message);
        }
    }
}
