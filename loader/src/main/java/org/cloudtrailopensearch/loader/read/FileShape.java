package org.cloudtrailopensearch.loader.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decides from the head of a file what it holds, before any record is framed: nothing, a CloudTrail log file
 * ({@code {"Records":[...]}}), CloudTrail records one per line (NDJSON, also a digest file), or something else.
 * Judging the whole file from its head means another application's JSON log is one dead letter, not one per line.
 */
final class FileShape {

    enum Kind { EMPTY, RECORDS_ARRAY, LINES, NOT_CLOUDTRAIL, CUT_OFF }

    /** Bytes looked at to find the first line's record fields; CloudTrail writes them first in a record. */
    static final int HEAD_BYTES = 256 * 1024;
    /** Bytes looked at to find {@code {"Records":[}; CloudTrail writes it at the very start. */
    private static final int RECORDS_HEAD_BYTES = 256;
    private static final byte[] RECORDS_KEY = "\"Records\"".getBytes(StandardCharsets.US_ASCII);
    /** Every CloudTrail event record has one of these, every digest file the last two. */
    private static final byte[][] RECORD_KEYS = keys("eventVersion", "eventTime", "eventName", "eventSource",
            "digestEndTime", "digestS3Object");

    final Kind kind;
    final String why;

    private FileShape(Kind kind, String why) {
        this.kind = kind;
        this.why = why;
    }

    /**
     * Looks at the head of {@code bytes}. For a Records file it consumes everything up to and including the {@code [}
     * that opens the array; otherwise nothing is consumed except a byte-order mark and leading white space.
     */
    static FileShape sniff(ByteBlocks bytes) throws IOException {
        int available = bytes.peek(3);
        if (available == 3 && (bytes.buffer[bytes.position] & 0xff) == 0xef
                && (bytes.buffer[bytes.position + 1] & 0xff) == 0xbb && (bytes.buffer[bytes.position + 2] & 0xff) == 0xbf) {
            bytes.position += 3;
        }
        if (!skipWhitespace(bytes)) {
            return new FileShape(Kind.EMPTY, "nothing but white space");
        }
        byte first = bytes.buffer[bytes.position];
        if (first == '[') {
            return new FileShape(Kind.NOT_CLOUDTRAIL, "a JSON array, not a CloudTrail log file ({\"Records\":[...]}) nor one record per line");
        }
        if (first != '{') {
            return new FileShape(Kind.NOT_CLOUDTRAIL, "starts with " + describe(first) + ", not with a JSON object");
        }
        int head = bytes.peek(RECORDS_HEAD_BYTES);
        int at = skip(bytes.buffer, bytes.position + 1, bytes.position + head);
        if (startsWith(bytes.buffer, at, bytes.position + head, RECORDS_KEY)) {
            int colon = skip(bytes.buffer, at + RECORDS_KEY.length, bytes.position + head);
            if (colon < bytes.position + head && bytes.buffer[colon] == ':') {
                return recordsValue(bytes, skip(bytes.buffer, colon + 1, bytes.position + head), bytes.position + head);
            }
        }
        return firstLine(bytes, bytes.peek(HEAD_BYTES));
    }

    private static FileShape recordsValue(ByteBlocks bytes, int at, int end) {
        if (at >= end) {
            return new FileShape(Kind.CUT_OFF, "the file ends before the Records array starts");
        }
        byte value = bytes.buffer[at];
        if (value == '[') {
            bytes.position = at + 1;
            return new FileShape(Kind.RECORDS_ARRAY, null);
        }
        String found = value == '{' ? "an object" : value == '"' ? "a string" : "a scalar (" + describe(value) + ")";
        return new FileShape(Kind.NOT_CLOUDTRAIL, "\"Records\" is " + found + ", not an array of records");
    }

    private static FileShape firstLine(ByteBlocks bytes, int head) {
        int end = bytes.position;
        int headEnd = bytes.position + head;
        while (end < headEnd && bytes.buffer[end] != '\n') {
            end++;
        }
        for (byte[] key : RECORD_KEYS) {
            if (indexOf(bytes.buffer, bytes.position, end, key) >= 0) {
                return new FileShape(Kind.LINES, null);
            }
        }
        return new FileShape(Kind.NOT_CLOUDTRAIL, "JSON without a Records array, and its first record has none of "
                + "eventVersion, eventTime, eventName, eventSource, digestEndTime, digestS3Object");
    }

    /** Skips white space, reading on as needed; false when the stream ends first. */
    private static boolean skipWhitespace(ByteBlocks bytes) throws IOException {
        while (true) {
            if (bytes.position == bytes.limit && !bytes.refill()) {
                return false;
            }
            if (!ByteBlocks.isWhitespace(bytes.buffer[bytes.position])) {
                return true;
            }
            bytes.position++;
        }
    }

    private static int skip(byte[] buffer, int from, int end) {
        while (from < end && ByteBlocks.isWhitespace(buffer[from])) {
            from++;
        }
        return from;
    }

    private static boolean startsWith(byte[] buffer, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] buffer, int from, int end, byte[] key) {
        for (int i = from; i <= end - key.length; i++) {
            if (startsWith(buffer, i, end, key)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(byte b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
    }

    private static byte[][] keys(String... names) {
        byte[][] keys = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            keys[i] = ('"' + names[i] + '"').getBytes(StandardCharsets.US_ASCII);
        }
        return keys;
    }
}
