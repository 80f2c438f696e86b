package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads CloudTrail records one at a time from a file or stream, never holding the whole input: CloudTrail
 * log files ({@code {"Records":[…]}}, streamed element by element with Jackson's streaming parser), digest files
 * (one object), and one-record-per-line NDJSON. Gzip is detected from the content, not the name.
 *
 * <p>Each {@link Entry} is either a {@link Record} or a {@link Failure}. A failure that ends the input (corrupt
 * or truncated gzip, broken envelope) is {@link Failure#fatal() fatal}; a bad line in NDJSON is not, and reading
 * continues. Not thread-safe; close it when done (closes the stream).
 *
 * <pre>{@code
 * try (CloudTrailRecordReader reader = CloudTrailRecordReader.open(Path.of("x.json.gz"))) {
 *     while (reader.hasNext()) {
 *         CloudTrailRecordReader.Entry entry = reader.next();
 *         if (entry instanceof CloudTrailRecordReader.Record record) {
 *             handle(record.mapWith(mapper));
 *         } else if (entry instanceof CloudTrailRecordReader.Failure failure) {
 *             report(failure.describe()); // failure.fatal(): nothing more follows
 *         }
 *     }
 * }
 * }</pre>
 */
public final class CloudTrailRecordReader implements Iterator<CloudTrailRecordReader.Entry>, Closeable {

    /** The default limit for one NDJSON line; longer lines are reported and skipped. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final int PEEK_LIMIT = 64 * 1024;

    /** How the input was recognised. */
    public enum Format {
        /** A CloudTrail log file: {@code {"Records":[…]}}. */
        RECORDS_ARRAY,
        /** One JSON record per line (also a single-object file such as a digest). */
        ONE_PER_LINE,
        /** No content. */
        EMPTY
    }

    /** One item read from the input. */
    public sealed interface Entry permits Record, Failure {
        /** The input's name (file name, or "stdin"). */
        String source();

        /** Where in the input: {@code Records[3]} or {@code line 4}. */
        String location();
    }

    /**
     * A record as found in the input: raw bytes (NDJSON, so {@code event.original} is byte-exact) or a parsed
     * tree (an element of a Records array). Exactly one of the two is non-null.
     */
    public record Record(String source, String location, long index, byte[] rawJson, JsonNode tree) implements Entry {
        /** Maps this record with {@code mapper}, using the raw bytes when there are any. */
        public MappingResult mapWith(CloudTrailMapper mapper) {
            return rawJson != null ? mapper.map(rawJson) : mapper.map(tree);
        }
    }

    /** Something in the input that is not a readable record. */
    public record Failure(String source, String location, String message, boolean fatal) implements Entry {
        /** {@code file.json.gz Records[3]: message}. */
        public String describe() {
            return source + " " + location + ": " + message;
        }
    }

    private final String source;
    private final InputStream in;
    private final Format format;
    private final int maxLineBytes;
    private JsonParser parser;
    private boolean insideRecordsArray;
    private long index;
    private long lineNumber;
    private Entry lookahead;
    private boolean finished;

    private CloudTrailRecordReader(String source, InputStream in, Format format, int maxLineBytes) throws IOException {
        this.source = source;
        this.in = in;
        this.format = format;
        this.maxLineBytes = maxLineBytes;
        if (format == Format.RECORDS_ARRAY) {
            parser = FACTORY.createParser(in);
        }
        finished = format == Format.EMPTY;
    }

    /** Opens a file (gzip or plain). Its file name is used as the source name in failures. */
    public static CloudTrailRecordReader open(Path file) throws IOException {
        InputStream stream = Files.newInputStream(file);
        try {
            return open(stream, file.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Reads from {@code in} (gzip or plain), which is closed by {@link #close()}. */
    public static CloudTrailRecordReader open(InputStream in, String sourceName) throws IOException {
        return open(in, sourceName, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * Like {@link #open(InputStream, String)} with a limit on NDJSON line length.
     *
     * @throws IOException when the input cannot be read at all or is not JSON (e.g. a corrupt gzip header);
     *     the message names the source
     */
    public static CloudTrailRecordReader open(InputStream in, String sourceName, int maxLineBytes) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        InputStream content = buffered;
        try {
            if (isGzip(buffered)) {
                content = new BufferedInputStream(new GZIPInputStream(buffered, 64 * 1024), 64 * 1024);
            }
            return new CloudTrailRecordReader(sourceName, content, detect(content, sourceName), maxLineBytes);
        } catch (ZipException | EOFException e) {
            throw new IOException(sourceName + ": corrupt or truncated gzip: " + e.getMessage(), e);
        }
    }

    /** How the input was recognised. */
    public Format format() {
        return format;
    }

    @Override
    public boolean hasNext() {
        if (lookahead == null && !finished) {
            lookahead = readNext();
            if (lookahead == null) {
                finished = true;
            }
        }
        return lookahead != null;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry entry = lookahead;
        lookahead = null;
        if (entry instanceof Failure failure && failure.fatal()) {
            finished = true;
        }
        return entry;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        if (parser != null) {
            parser.close();
        }
        in.close();
    }

    private Entry readNext() {
        try {
            return format == Format.RECORDS_ARRAY ? nextArrayElement() : nextLine();
        } catch (ZipException | EOFException e) {
            return fatal("corrupt or truncated gzip (" + e.getMessage() + ")");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            return fatal("not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return fatal("read error: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fatal("read error: " + e.getCause().getMessage());
        }
    }

    private Failure fatal(String message) {
        String location = format == Format.RECORDS_ARRAY ? "Records[" + index + "]" : "line " + (lineNumber + 1);
        return new Failure(source, location, message, true);
    }

    /** Advances through {@code {"Records":[ … ]}}; the parser is positioned inside the array between calls. */
    private Entry nextArrayElement() throws IOException {
        if (!insideRecordsArray) {
            if (!enterRecordsArray()) {
                return null;
            }
            insideRecordsArray = true;
        }
        JsonToken token = parser.nextToken();
        if (token == null) {
            return fatal("input ends inside the Records array (truncated file?)");
        }
        if (token == JsonToken.END_ARRAY) {
            return null;
        }
        long at = index;
        String location = "Records[" + at + "]";
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            index++;
            return new Failure(source, location, "expected a record object, found " + describe(token), false);
        }
        JsonNode tree = JSON.readTree(parser);
        index++;
        return new Record(source, location, at, null, tree);
    }

    private boolean enterRecordsArray() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonProcessingException("expected a JSON object") { };
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("Records".equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw new JsonProcessingException("\"Records\" is not an array") { };
                }
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private Entry nextLine() throws IOException {
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            boolean tooLong = false;
            int b;
            boolean sawAny = false;
            while ((b = in.read()) != -1 && b != '\n') {
                sawAny = true;
                if (line.size() < maxLineBytes) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (b == -1 && !sawAny) {
                return null;
            }
            lineNumber++;
            if (tooLong) {
                return new Failure(source, "line " + lineNumber, "longer than " + maxLineBytes + " bytes; skipped", false);
            }
            byte[] bytes = line.toByteArray();
            if (!isBlank(bytes)) {
                return new Record(source, "line " + lineNumber, index++, bytes, null);
            }
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** Peeks at the first key: {@code {"Records": …} is a log file, anything else is one record per line. */
    private static Format detect(InputStream in, String sourceName) throws IOException {
        in.mark(PEEK_LIMIT);
        try {
            int b = skipWhitespace(in);
            if (b == -1) {
                return Format.EMPTY;
            }
            if (b != '{') {
                throw new IOException(sourceName + ": not CloudTrail JSON (starts with '" + (char) b
                        + "'; expected a {\"Records\":[…]} object or one JSON record per line)");
            }
            if (skipWhitespace(in) != '"') {
                return Format.ONE_PER_LINE;
            }
            StringBuilder key = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '"' && key.length() < 16) {
                key.append((char) c);
            }
            return key.toString().equals("Records") ? Format.RECORDS_ARRAY : Format.ONE_PER_LINE;
        } finally {
            in.reset();
        }
    }

    private static int skipWhitespace(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
        } while (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xEF || b == 0xBB || b == 0xBF);
        return b;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
