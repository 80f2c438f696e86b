package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The value of {@code event.original} when the record arrived as bytes: those UTF-8 bytes, written as a JSON
 * string without first becoming a Java {@code String}.
 *
 * <p>Why: {@code event.original} is the largest string of every document (the whole record, about 1.2 KB, a
 * quote escaped every few characters). Decoding it to a {@code String} and letting the generator encode and
 * escape it char by char was a sixth of the mapping time; escaping the bytes in one pass and handing them to
 * {@link JsonGenerator#writeRawUTF8String} produces the same output for a fraction of that. Generators that
 * escape more than the JSON minimum, or that are not UTF-8 byte generators, get the plain {@code String}.
 */
final class OriginalText {

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

    private final byte[] utf8;
    private final int length;
    private final String text;

    private OriginalText(byte[] utf8, int length, String text) {
        this.utf8 = utf8;
        this.length = length;
        this.text = text;
    }

    /** The first {@code length} bytes of {@code utf8}, which must be valid UTF-8 (the parser has checked them). */
    static OriginalText ofUtf8(byte[] utf8, int length) {
        return new OriginalText(utf8, length, null);
    }

    /** A record that arrived as a tree and was written back as text. */
    static OriginalText ofString(String text) {
        return new OriginalText(null, 0, text);
    }

    /** The text's length in bytes or chars, whichever form it came in: what the size limit is checked against. */
    int length() {
        return text == null ? length : text.length();
    }

    void writeTo(JsonGenerator out) throws IOException {
        if (text != null || !(out instanceof UTF8JsonGenerator)
                || out.getCharacterEscapes() != null || out.getHighestEscapedChar() != 0) {
            out.writeString(toString());
            return;
        }
        byte[] escaped = new byte[2 * length]; // room for every byte escaped as two
        int size = escapeQuotesAndBackslashes(utf8, length, escaped);
        if (size < 0) {
            escaped = escapeCarefully();
            size = escaped.length;
        }
        out.writeRawUTF8String(escaped, 0, size);
    }

    /**
     * The escaping of a compact JSON record: a backslash before each quote and backslash, every other byte as it
     * is. Returns the escaped length, or -1 on meeting a byte this loop does not handle (a control character or a
     * character outside the BMP), which only pretty-printed or odd input has. Kept small and separate so that the
     * JIT compiles this loop on its own: inlined into the document writer, it made event.original cost twice as much.
     */
    private static int escapeQuotesAndBackslashes(byte[] in, int length, byte[] out) {
        int size = 0;
        for (int i = 0; i < length; i++) {
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
