package org.cloudtrailopensearch.loader.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.cloudtrailopensearch.loader.read.ReadFailure.Reason;

/**
 * Frames the elements of a {@code Records} array on the raw bytes, so that one damaged record costs only that
 * record: string, escape and nesting state are tracked byte by byte, and each complete element goes on as it is
 * (the mapper parses it and rejects it if it is not well-formed JSON), without a JSON parser here.
 *
 * <p>Damage that upsets the framing (a record cut off mid-way, a lost quote) is caught by the way CloudTrail starts
 * every record, {@code {"eventVersion"}: valid JSON cannot hold that byte sequence inside a string, and CloudTrail
 * never nests a record in a record, so seeing it anywhere but at the start of the element being framed means that
 * element is broken. The broken element becomes one failure and framing goes on from the new record. Bytes that
 * follow a complete element where a comma belongs are skipped up to the next record start and count as one failure.
 * A file that does not follow CloudTrail's field order still frames correctly; only this recovery needs the marker.
 */
final class RecordsArrayFramer {

    private static final byte[] RECORD_START = "{\"eventVersion\"".getBytes(StandardCharsets.US_ASCII);
    /** Bytes inside a string that need no attention: all but the closing quote, the escape and a record start. */
    private static final boolean[] PLAIN_IN_STRING = new boolean[256];

    static {
        java.util.Arrays.fill(PLAIN_IN_STRING, true);
        PLAIN_IN_STRING['"'] = false;
        PLAIN_IN_STRING['\\'] = false;
        PLAIN_IN_STRING['{'] = false;
    }

    private enum Mode {
        /** Between elements: white space, commas, the closing bracket or the next element. */
        BETWEEN,
        /** Inside an object, array or string element. */
        STRUCTURE,
        /** Inside a bare scalar element (number, literal or junk). */
        SCALAR,
        /** Skipping damaged bytes up to the next record start. */
        SKIPPING,
        /** After the closing bracket; only a record start (damaged framing, concatenated files) resumes framing. */
        AFTER_ARRAY
    }

    private final String source;
    private final ByteBlocks in;
    private final CappedBuffer element;
    private final RecordVisitor visitor;

    private Mode mode = Mode.BETWEEN;
    private boolean elementExpected = true;
    private int depth;
    private boolean inString;
    private boolean escaped;
    /** How many bytes of {@link #RECORD_START} the last bytes scanned match. */
    private int startMatched;
    /** The framer stopped at a {@code {} too near the end of the block to tell whether a record starts there. */
    private boolean lookAhead;
    private long nextIndex;

    RecordsArrayFramer(String source, ByteBlocks in, int maxRecordBytes, RecordVisitor visitor) {
        this.source = source;
        this.in = in;
        this.element = new CappedBuffer(maxRecordBytes);
        this.visitor = visitor;
    }

    /** The index the next record gets: after a stream failure, the first record lost. */
    long nextIndex() {
        return nextIndex;
    }

    /** Frames every element up to the end of the stream. */
    void frame() throws IOException {
        while (in.refill()) {
            if (lookAhead) {
                lookAhead = false;
                in.peek(RECORD_START.length);
            }
            switch (mode) {
                case BETWEEN -> between();
                case STRUCTURE -> structure();
                case SCALAR -> scalar();
                case SKIPPING, AFTER_ARRAY -> seekRecordStart();
                default -> throw new IllegalStateException(mode.name());
            }
        }
        endOfStream();
    }

    private void between() {
        byte[] bytes = in.buffer;
        int end = in.limit;
        for (int i = in.position; i < end; i++) {
            byte b = bytes[i];
            if (ByteBlocks.isWhitespace(b)) {
                continue;
            }
            if (b == ',') {
                elementExpected = true;
                continue;
            }
            if (b == ']') {
                in.position = i + 1;
                startMatched = 0;
                mode = Mode.AFTER_ARRAY;
                return;
            }
            if (!elementExpected && b != '{' && b != '[') {
                in.position = i;
                failure(Reason.MALFORMED_JSON, "unexpected " + describe(b) + " after record " + (nextIndex - 1)
                        + " at byte " + in.offsetOf(i) + "; skipped to the next record start");
                startMatched = 0;
                mode = Mode.SKIPPING;
                return;
            }
            startElement();
            if (b == '"') {
                inString = true;
                mode = Mode.STRUCTURE;
            } else if (b == '{' || b == '[') {
                depth = 1;
                mode = Mode.STRUCTURE;
            } else {
                mode = Mode.SCALAR;
            }
            element.write(b);
            in.position = i + 1;
            return;
        }
        in.position = end;
    }

    private void startElement() {
        element.reset();
        depth = 0;
        inString = false;
        escaped = false;
    }

    /**
     * The hot loop: every byte of every record passes here once. A record start is only looked for at a {@code {},
     * by comparing the bytes that follow; near the end of a block the framer first asks for them to be read.
     */
    private void structure() {
        byte[] bytes = in.buffer;
        int start = in.position;
        int end = in.limit;
        // The state lives in locals while scanning (written back on every way out): fields would be loaded and stored
        // for every byte.
        boolean string = inString;
        boolean escape = escaped;
        int nesting = depth;
        int i = start;
        if (escape && i < end) {
            escape = false; // the byte after a backslash that ended the previous block
            i++;
        }
        while (i < end) {
            if (string) {
                // Most bytes of a record are string content: skip them in a tight loop.
                while (i < end && PLAIN_IN_STRING[bytes[i] & 0xff]) {
                    i++;
                }
                if (i == end) {
                    break;
                }
                byte b = bytes[i];
                if (b == '\\') {
                    if (i + 1 == end) {
                        escape = true;
                        i = end;
                        break;
                    }
                    i += 2;
                    continue;
                }
                if (b == '"') {
                    string = false;
                    if (nesting == 0) {
                        break;
                    }
                } else if (recordStartOrLookAhead(bytes, i, end)) {
                    break;
                }
                i++;
                continue;
            }
            byte b = bytes[i];
            if (b == '"') {
                string = true;
            } else if (b == '{') {
                if (recordStartOrLookAhead(bytes, i, end)) {
                    break;
                }
                nesting++;
            } else if (b == '[') {
                nesting++;
            } else if ((b == '}' || b == ']') && --nesting == 0) {
                break;
            }
            i++;
        }
        inString = string;
        escaped = escape;
        depth = nesting;
        if (i == end) {
            element.write(bytes, start, end - start);
            in.position = end;
        } else if (bytes[i] != '{') {
            complete(bytes, start, i + 1);
        } else {
            element.write(bytes, start, i - start);
            if (lookAhead) {
                in.position = i;
            } else {
                in.position = i + RECORD_START.length;
                cutOffAt(in.offsetOf(i));
            }
        }
    }

    /**
     * True when a record starts at {@code bytes[at]}, or when that cannot be told yet (too near the end of the block:
     * {@link #lookAhead} is set and the framer reads on first).
     */
    private boolean recordStartOrLookAhead(byte[] bytes, int at, int end) {
        if (end - at < RECORD_START.length && !in.ended()) {
            lookAhead = true;
            return true;
        }
        return isRecordStart(bytes, at, end);
    }

    private static boolean isRecordStart(byte[] bytes, int at, int end) {
        if (end - at < RECORD_START.length) {
            return false;
        }
        for (int i = 1; i < RECORD_START.length; i++) {
            if (bytes[at + i] != RECORD_START[i]) {
                return false;
            }
        }
        return true;
    }

    private void complete(byte[] bytes, int start, int end) {
        element.write(bytes, start, end - start);
        in.position = end;
        emit();
    }

    /** The element being framed is broken: a record starts inside it. Framing goes on with that record. */
    private void cutOffAt(long recordStart) {
        failure(Reason.MALFORMED_JSON, "record " + nextIndex + " is cut off: the next record starts at byte "
                + recordStart + ", inside it");
        resumeAtRecordStart();
    }

    private void resumeAtRecordStart() {
        element.reset();
        element.write(RECORD_START, 0, RECORD_START.length);
        depth = 1;
        inString = false;
        escaped = false;
        mode = Mode.STRUCTURE;
    }

    private void scalar() {
        byte[] bytes = in.buffer;
        int start = in.position;
        int end = in.limit;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == ',' || b == ']' || b == '{' || b == '[') {
                element.write(bytes, start, i - start);
                in.position = i;
                element.trimTrailingWhitespace();
                emit();
                return;
            }
        }
        element.write(bytes, start, end - start);
        in.position = end;
    }

    private void seekRecordStart() {
        byte[] bytes = in.buffer;
        int end = in.limit;
        int matched = startMatched;
        for (int i = in.position; i < end; i++) {
            byte b = bytes[i];
            if (b == RECORD_START[matched]) {
                if (++matched == RECORD_START.length) {
                    in.position = i + 1;
                    startMatched = 0;
                    resumeAtRecordStart();
                    return;
                }
            } else {
                matched = b == '{' ? 1 : 0;
            }
        }
        startMatched = matched;
        in.position = end;
    }

    private void emit() {
        visitor.onRecord(new SourceRecord(source, nextIndex++, element.toByteArray(), element.total()));
        mode = Mode.BETWEEN;
        elementExpected = false;
    }

    private void failure(Reason reason, String message) {
        visitor.onFailure(new ReadFailure(source, nextIndex++, reason, message));
    }

    private void endOfStream() {
        switch (mode) {
            case STRUCTURE, SCALAR -> failure(Reason.MALFORMED_JSON, "the file ends inside record " + nextIndex
                    + " (" + element.total() + " bytes of it); the rest of the file, if any, is lost");
            case BETWEEN -> failure(Reason.MALFORMED_JSON, "the file ends before the Records array is closed;"
                    + " records from index " + nextIndex + " on, if any, are lost");
            default -> {
                // AFTER_ARRAY: complete; SKIPPING: the skipped bytes are already one failure
            }
        }
    }

    private static String describe(byte b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
    }
}
