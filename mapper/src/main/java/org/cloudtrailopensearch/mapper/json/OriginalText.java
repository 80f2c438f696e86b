package org.cloudtrailopensearch.mapper.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The value of {@code event.original} when the record arrived as bytes: those UTF-8 bytes, written as a JSON
 * string without first becoming a Java {@code String}.
 *
 * <p>Why: {@code event.original} is the largest string of every document (the whole record, about 1.2 KB, a
 * quote escaped every few characters). Decoding it to a {@code String} and letting the generator encode and
 * escape it char by char was a sixth of the mapping time; escaping the bytes in one pass into the document's
 * bytes ({@link JsonBytes}) produces the same output for a fraction of that. Generators that write anything but
 * what a default UTF-8 generator writes ({@link JsonBytes#fits}) get the plain {@code String}.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class OriginalText {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For each ASCII byte: 0 = copy, a letter = two-character escape, 'u' = six-character unicode escape. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int i = 0; i < 0x20; i++) {
            ESCAPES[i] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    /** Eight bytes of an array as a long, byte i in bits 8i to 8i+7 on any platform. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final byte[] utf8;
    private final int length;
    private final String text;

    private OriginalText(byte[] utf8, int length, String text) {
        this.utf8 = utf8;
        this.length = length;
        this.text = text;
    }

    /** The first {@code length} bytes of {@code utf8}, which must be valid UTF-8 (the parser has checked them). */
    public static OriginalText ofUtf8(byte[] utf8, int length) {
        return new OriginalText(utf8, length, null);
    }

    /** A record that arrived as a tree and was written back as text. */
    public static OriginalText ofString(String text) {
        return new OriginalText(null, 0, text);
    }

    /** The text's length in bytes or chars, whichever form it came in: what the size limit is checked against. */
    public int length() {
        return text == null ? length : text.length();
    }

    /**
     * Through the generator's own string method: documents reach a generator field by field only when it writes
     * other than a default one does ({@link JsonBytes#fits}), and the escaped bytes of {@link #encodeTo} would not
     * match its output.
     */
    public void writeTo(JsonGenerator out) throws IOException {
        out.writeString(toString());
    }

    /** As a JSON string: the bytes a default generator writes for the text. */
    public void encodeTo(JsonBytes json) {
        if (text != null) {
            json.string(text);
            return;
        }
        byte[] out = json.reserve(2 * length + 10);
        int start = json.size();
        out[start] = '"';
        int end = escapeQuotesAndBackslashes(utf8, length, out, start + 1);
        if (end < 0) {
            byte[] escaped = escapeCarefully();
            out = json.reserve(escaped.length + 2);
            System.arraycopy(escaped, 0, out, start + 1, escaped.length);
            end = start + 1 + escaped.length;
        }
        out[end] = '"';
        json.skip(end + 1 - start);
    }

    /**
     * The escaping of a compact JSON record: a backslash before each quote and backslash, every other byte as it
     * is, from {@code outOffset} on. Returns where the escaped bytes end, or -1 on meeting a byte this loop does not handle (a control character or the
     * lead byte of a character outside the BMP), which only pretty-printed or odd input has. {@code out} must have
     * room for {@code 2 * length + 8} bytes after {@code outOffset}: every byte escaped, plus the slack of the last eight-byte store.
     *
     * <p>Eight bytes at a time: a record has a quote every seven bytes or so, and testing byte by byte meant a
     * branch per byte that the CPU cannot predict, most of event.original's cost. Bit arithmetic on a {@code long}
     * finds the quotes and backslashes of eight bytes at once; for each, the word's remaining bytes are stored
     * after a backslash (bytes stored past the escape point are overwritten by the next store). Kept small and
     * separate so that the JIT compiles this loop on its own: inlined into the document writer, the earlier
     * byte loop cost twice as much.
     */
    private static int escapeQuotesAndBackslashes(byte[] in, int length, byte[] out, int outOffset) {
        int size = outOffset;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long word = (long) LONGS.get(in, i);
            if ((controlBytes(word) | fourByteLeads(word)) != 0) {
                return -1;
            }
            long escapes = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES);
            int written = 0; // bytes of word already stored
            while (escapes != 0) {
                int at = Long.numberOfTrailingZeros(escapes) >>> 3;
                LONGS.set(out, size, word >>> (written << 3));
                size += at - written;
                out[size++] = '\\';
                written = at;
                escapes &= escapes - 1;
            }
            LONGS.set(out, size, word >>> (written << 3));
            size += 8 - written;
        }
        for (; i < length; i++) {
            byte b = in[i];
            if (b == '"' || b == '\\') {
                out[size++] = '\\';
            } else if ((b >= 0 && b < 0x20) || (b & 0xF8) == 0xF0) {
                return -1;
            }
            out[size++] = b;
        }
        return size;
    }

    /** The high bit of each byte of {@code word} that is zero, exactly (no borrow between bytes). */
    private static long zeroBytes(long word) {
        return ~(((word & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | word | LOW_SEVEN_BITS);
    }

    /** The high bit of each byte below 0x20. */
    private static long controlBytes(long word) {
        return ~(((word & LOW_SEVEN_BITS) + 0x6060606060606060L) | word) & HIGH_BITS;
    }

    /** The high bit of each byte 0xF0 or above: the lead byte of a four-byte UTF-8 sequence. */
    private static long fourByteLeads(long word) {
        return word & (word << 1) & (word << 2) & (word << 3) & HIGH_BITS;
    }

    /** Any bytes, escaped exactly as Jackson escapes the same text. */
    private byte[] escapeCarefully() {
        byte[] escaped = new byte[length + (length >> 3) + 16];
        int size = 0;
        for (int i = 0; i < length; i++) {
            byte b = utf8[i];
            byte escape = b >= 0 ? ESCAPES[b] : 0;
            if (size + 12 > escaped.length) {
                escaped = java.util.Arrays.copyOf(escaped, escaped.length * 2);
            }
            if ((b & 0xF8) == 0xF0 && i + 3 < length) {
                // A character outside the BMP: Jackson writes it as an escaped surrogate pair, and so do we.
                int codePoint = ((b & 0x07) << 18) | ((utf8[i + 1] & 0x3F) << 12) | ((utf8[i + 2] & 0x3F) << 6) | (utf8[i + 3] & 0x3F);
                size = writeUnicodeEscape(escaped, size, Character.highSurrogate(codePoint));
                size = writeUnicodeEscape(escaped, size, Character.lowSurrogate(codePoint));
                i += 3;
            } else if (escape == 0) {
                escaped[size++] = b;
            } else if (escape == 'u') {
                size = writeUnicodeEscape(escaped, size, (char) b);
            } else {
                escaped[size++] = '\\';
                escaped[size++] = escape;
            }
        }
        return java.util.Arrays.copyOf(escaped, size);
    }

    private static int writeUnicodeEscape(byte[] out, int at, char c) {
        out[at] = '\\';
        out[at + 1] = 'u';
        out[at + 2] = HEX[c >> 12];
        out[at + 3] = HEX[(c >> 8) & 0xF];
        out[at + 4] = HEX[(c >> 4) & 0xF];
        out[at + 5] = HEX[c & 0xF];
        return at + 6;
    }

    @Override
    public String toString() {
        return text != null ? text : new String(utf8, 0, length, StandardCharsets.UTF_8);
    }
}
