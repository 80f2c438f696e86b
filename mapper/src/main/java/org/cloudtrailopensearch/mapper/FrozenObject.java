package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A finished document object that many documents share (the {@code user_agent} object of one user-agent string,
 * the {@code source} object of one address), serialised once, with the cache key it belongs to.
 *
 * <p>Why: such an object is about 300 bytes of JSON, two of them floating-point numbers, which are slow to
 * format; documents copy these bytes instead of walking the object again. The key's UTF-8 bytes and the JSON sit
 * in one array, so that a cache hit ({@link FrozenObjectCache}) reads the entry, one array, and nothing else:
 * a corpus has thousands of these, and each further object a hit touched was one more wait on main memory.
 *
 * <p>As a {@link SerializedString} its value is the JSON text, which a generator copies in as a raw value.
 */
final class FrozenObject extends SerializedString {

    private static final JsonFactory JSON = new JsonFactory();

    private final int keyHash;
    /** The key's UTF-8 bytes, then the object's compact JSON. */
    private final byte[] keyAndJson;
    private final int keyLength;
    /** The same object, for the tree API and for generators that escape more than JSON needs. */
    private final EcsObject object;

    private FrozenObject(byte[] keyAndJson, int keyLength, int keyHash, String json, EcsObject object) {
        super(json);
        this.keyAndJson = keyAndJson;
        this.keyLength = keyLength;
        this.keyHash = keyHash;
        this.object = object;
    }

    /**
     * Freezes {@code object} under {@code key} (UTF-8). The object, and the objects inside it, must not change
     * afterwards, and may hold no record subtrees.
     */
    static FrozenObject of(byte[] key, int keyHash, EcsObject object) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(512);
        json.write(key, 0, key.length);
        try (JsonGenerator out = JSON.createGenerator(json)) { // UTF-8, so escaped exactly as documents are
            object.writeTo(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        byte[] keyAndJson = json.toByteArray();
        String text = new String(keyAndJson, key.length, keyAndJson.length - key.length, StandardCharsets.UTF_8);
        return new FrozenObject(keyAndJson, key.length, keyHash, text, object);
    }

    EcsObject object() {
        return object;
    }

    int keyHash() {
        return keyHash;
    }

    boolean hasKey(byte[] key) {
        return Arrays.equals(keyAndJson, 0, keyLength, key, 0, key.length);
    }

    boolean hasSameKey(FrozenObject other) {
        return Arrays.equals(keyAndJson, 0, keyLength, other.keyAndJson, 0, other.keyLength);
    }

    void encodeTo(JsonBytes json) {
        json.raw(keyAndJson, keyLength, keyAndJson.length - keyLength);
    }

    /**
     * What a generator calls to copy the raw value in. (When its buffer is too short it takes
     * {@link #asUnquotedUTF8}, which encodes the same text.)
     */
    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        int length = keyAndJson.length - keyLength;
        if (offset + length > buffer.length) {
            return -1;
        }
        System.arraycopy(keyAndJson, keyLength, buffer, offset, length);
        return length;
    }
}
