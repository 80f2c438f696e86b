package org.cloudtrailopensearch.mapper.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
 * <p>Internal: not part of the mapper's API.
 */
public final class FrozenObject {

    private static final JsonFactory JSON = new JsonFactory();

    private final int keyHash;
    /** The key's UTF-8 bytes, then the object's compact JSON. */
    private final byte[] keyAndJson;
    private final int keyLength;
    /** The same object, for the tree API and for generators that write other than a default one does. */
    private final EcsObject object;

    private FrozenObject(byte[] keyAndJson, int keyLength, int keyHash, EcsObject object) {
        this.keyAndJson = keyAndJson;
        this.keyLength = keyLength;
        this.keyHash = keyHash;
        this.object = object;
    }

    /**
     * Freezes {@code object} under {@code key} (UTF-8). The object, and the objects inside it, must not change
     * afterwards, and may hold no record subtrees.
     */
    public static FrozenObject of(byte[] key, int keyHash, EcsObject object) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(512);
        json.write(key, 0, key.length);
        try (JsonGenerator out = JSON.createGenerator(json)) { // UTF-8, so escaped exactly as documents are
            object.writeTo(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return new FrozenObject(json.toByteArray(), key.length, keyHash, object);
    }

    public EcsObject object() {
        return object;
    }

    public int keyHash() {
        return keyHash;
    }

    public boolean hasKey(byte[] key) {
        return Arrays.equals(keyAndJson, 0, keyLength, key, 0, key.length);
    }

    public boolean hasSameKey(FrozenObject other) {
        return Arrays.equals(keyAndJson, 0, keyLength, other.keyAndJson, 0, other.keyLength);
    }

    /** The object's JSON as text. */
    public String json() {
        return new String(keyAndJson, keyLength, keyAndJson.length - keyLength, StandardCharsets.UTF_8);
    }

    /** The object's JSON, into a document's bytes. */
    public void encodeTo(JsonBytes json) {
        json.raw(keyAndJson, keyLength, keyAndJson.length - keyLength);
    }
}
