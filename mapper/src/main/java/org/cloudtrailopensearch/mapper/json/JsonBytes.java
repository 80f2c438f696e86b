package org.cloudtrailopensearch.mapper.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * A whole document encoded as compact UTF-8 JSON into one byte array, byte for byte what a default Jackson UTF-8
 * generator writes, then handed to the caller's generator as one raw value.
 *
 * <p>Why: a document is about a hundred names and a hundred short strings, and a generator call per name and per
 * value (context checks, comma state, bounds checks, a {@code charAt} per character) was a quarter of the mapping
 * time. Here names are copied in pre-encoded with their quotes and colon, commas follow from the loop, and a
 * string is copied character by character with one test for the rare character that needs escaping. Anything
 * unusual (a number other than an int or a long, a string with a character outside ASCII or a control
 * character) is written by a Jackson generator, so the output never depends on a second escaping implementation
 * for the hard cases.
 *
 * <p>Only for generators that write what a default one does: {@link #fits} tells.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class JsonBytes implements SerializableString {

    /** For the unusual values: its generators are default UTF-8 ones that can also write trees. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_KEPT = 64 * 1024;
    private static final ThreadLocal<JsonBytes> PER_THREAD = ThreadLocal.withInitial(JsonBytes::new);
    /** True for the ASCII characters a string may hold as they are. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private byte[] bytes = new byte[8 * 1024];
    private int size;

    private JsonBytes() {
    }

    /** This thread's buffer, emptied. Valid until the thread's next call. */
    public static JsonBytes forThread() {
        JsonBytes buffer = PER_THREAD.get();
        if (buffer.bytes.length > MAX_KEPT) {
            buffer.bytes = new byte[8 * 1024];
        }
        buffer.size = 0;
        return buffer;
    }

    /**
     * Whether {@code out} writes exactly what a default UTF-8 generator writes (no pretty printing, and every
     * feature that changes how names, strings or numbers look at its default), so that these bytes fit in.
     */
    public static boolean fits(JsonGenerator out) {
        return out instanceof UTF8JsonGenerator && out.getPrettyPrinter() == null
                && out.getCharacterEscapes() == null && out.getHighestEscapedChar() == 0
                && out.isEnabled(JsonWriteFeature.QUOTE_FIELD_NAMES.mappedFeature())
                && out.isEnabled(JsonWriteFeature.WRITE_HEX_UPPER_CASE.mappedFeature())
                && out.isEnabled(JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature())
                && !out.isEnabled(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS.mappedFeature())
                && !out.isEnabled(JsonWriteFeature.ESCAPE_FORWARD_SLASHES.mappedFeature())
                && !out.isEnabled(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8.mappedFeature())
                && !out.isEnabled(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature())
                && !out.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    }

    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return size;
    }

    /** Room for {@code more} bytes; returns the array to write into at {@link #size}. */
    public byte[] reserve(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, 2 * bytes.length));
        }
        return bytes;
    }

    public void skip(int written) {
        size += written;
    }

    public void raw(byte b) {
        reserve(1)[size++] = b;
    }

    public void raw(byte[] source, int offset, int length) {
        System.arraycopy(source, offset, reserve(length), size, length);
        size += length;
    }

    public void ascii(String text) {
        int length = text.length();
        byte[] out = reserve(length);
        for (int i = 0; i < length; i++) {
            out[size + i] = (byte) text.charAt(i);
        }
        size += length;
    }

    /** A field name and its colon. */
    public void name(String name) {
        byte[] encoded = EncodedNames.of(name);
        if (encoded != null) {
            raw(encoded, 0, encoded.length);
        } else {
            string(name);
            raw((byte) ':');
        }
    }

    /** Whether {@code text} is written as it is between quotes (ASCII, no quote, backslash or control character). */
    public static boolean needsNoEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || !PLAIN[c]) {
                return false;
            }
        }
        return true;
    }

    /** A JSON string. */
    public void string(String text) {
        int length = text.length();
        byte[] out = reserve(length + 2);
        int at = size;
        out[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 128 || !PLAIN[c]) {
                viaGenerator(text);
                return;
            }
            out[at++] = (byte) c;
        }
        out[at++] = '"';
        size = at;
    }

    /** A record subtree, as Jackson's own serialiser writes it. */
    public void node(JsonNode node) {
        if (node instanceof TextNode text) {
            string(text.textValue());
        } else if (node instanceof ObjectNode object) {
            raw((byte) '{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    raw((byte) ',');
                }
                first = false;
                string(field.getKey());
                raw((byte) ':');
                node(field.getValue());
            }
            raw((byte) '}');
        } else if (node instanceof ArrayNode array) {
            raw((byte) '[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    raw((byte) ',');
                }
                node(array.get(i));
            }
            raw((byte) ']');
        } else if (node instanceof IntNode || node instanceof LongNode) {
            ascii(Long.toString(node.longValue()));
        } else if (node instanceof BooleanNode) {
            ascii(node.booleanValue() ? "true" : "false");
        } else if (node instanceof NullNode) {
            ascii("null");
        } else {
            viaGenerator(node);
        }
    }

    /** A value written by a default Jackson generator: strings needing escapes, numbers other than int and long. */
    public void viaGenerator(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            if (value instanceof String text) {
                generator.writeString(text);
            } else if (value instanceof JsonNode node) {
                generator.writeTree(node);
            } else if (value instanceof Double number) {
                generator.writeNumber(number);
            } else {
                throw new IllegalStateException("unexpected value type " + value.getClass());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        byte[] written = out.toByteArray();
        raw(written, 0, written.length);
    }

    // As a SerializableString, for JsonGenerator.writeRawValue: a generator copies the bytes in with
    // appendUnquotedUTF8, or takes asUnquotedUTF8 when its buffer is too short. The rest is for completeness.

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + size > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, 0, buffer, offset, size);
        return size;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public String getValue() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private SerializedString asSerialized() {
        return new SerializedString(getValue());
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return asSerialized().asQuotedChars();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return asSerialized().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return asSerialized().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return asSerialized().appendQuoted(buffer, offset);
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        return asSerialized().appendUnquoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return asSerialized().writeQuotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
        return size;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return asSerialized().putQuotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) throws IOException {
        if (size > buffer.remaining()) {
            return -1;
        }
        buffer.put(bytes, 0, size);
        return size;
    }
}
