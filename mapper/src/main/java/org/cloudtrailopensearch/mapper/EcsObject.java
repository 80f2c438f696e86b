package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * One object of the ECS document while it is being built: ordered fields whose values are strings, booleans,
 * numbers, string arrays, nested {@code EcsObject}s or Jackson subtrees taken from the record.
 *
 * <p>Why not an {@link ObjectNode}: the document has about 30 objects, and as Jackson nodes each is a
 * {@code LinkedHashMap} plus a node per value, built only to be walked once by the serialiser. This class is two
 * small arrays per object, and the mapping rules write to it once; it then either goes straight to a
 * {@link JsonGenerator} ({@code CloudTrailMapper.mapTo}) or becomes a Jackson tree ({@code CloudTrailMapper.map}).
 * Both outputs have the same fields in the same order: {@link #put} keeps a replaced field where it was and
 * {@link #remove} forgets the position, exactly as {@code ObjectNode} (a {@code LinkedHashMap}) does.
 *
 * <p>Not thread-safe; an instance belongs to one document, except the immutable ones a cache hands out (see
 * {@code GeoIpEnricher}, {@code UserAgentEnricher}), which are only ever placed in documents, never changed.
 */
final class EcsObject {

    private static final JsonFactory FROZEN_JSON = new JsonFactory();

    private String[] names = new String[6];
    private Object[] values = new Object[6];
    private int size;
    /**
     * Bit {@code hash & 63} set for each name's hash: a clear bit proves a name absent, so most puts (new names)
     * append without scanning the fields first.
     */
    private long nameBits;
    /** The object as compact JSON once {@link #freeze frozen}, else null. */
    private SerializedString frozenJson;

    boolean isEmpty() {
        return size == 0;
    }

    boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value of {@code name} (String, Boolean, Number, String[], JsonNode, OriginalText or EcsObject), or null. */
    Object get(String name) {
        int index = indexOf(name);
        return index < 0 ? null : values[index];
    }

    /** Like {@code ObjectNode.put(String, String)}: a null value is written as JSON null. */
    EcsObject put(String name, String value) {
        return set(name, value);
    }

    EcsObject put(String name, boolean value) {
        return set(name, Boolean.valueOf(value));
    }

    /** A number (Integer, Long or Double, written as such) or null for JSON null. */
    EcsObject put(String name, Number value) {
        return set(name, value);
    }

    /** The record's own bytes as a string value (see {@link OriginalText}). */
    EcsObject put(String name, OriginalText value) {
        return set(name, value);
    }

    /** A JSON array of strings, in the collection's order. */
    EcsObject putStrings(String name, Collection<String> strings) {
        return set(name, strings.toArray(new String[strings.size()]));
    }

    /** A JSON array of strings; the array becomes the document's and must not change afterwards. */
    EcsObject putStrings(String name, String[] strings) {
        return set(name, (Object) strings);
    }

    /** A subtree of the record, embedded as it is (see {@code MappingContext.embed}). */
    EcsObject set(String name, JsonNode subtree) {
        return set(name, (Object) subtree);
    }

    EcsObject set(String name, EcsObject child) {
        return set(name, (Object) child);
    }

    /** A new empty object under {@code name}, replacing any value there. */
    EcsObject putObject(String name) {
        EcsObject child = new EcsObject();
        set(name, (Object) child);
        return child;
    }

    /** The object under {@code name}, created (or put in place of a non-object value) on first use. */
    EcsObject object(String name) {
        int hash = name.hashCode();
        int index = indexOf(name, hash);
        if (index >= 0 && values[index] instanceof EcsObject existing) {
            return existing;
        }
        EcsObject child = new EcsObject();
        if (index >= 0) {
            values[index] = child;
        } else {
            append(name, hash, child);
        }
        return child;
    }

    void remove(String name) {
        int index = indexOf(name);
        if (index >= 0) {
            System.arraycopy(names, index + 1, names, index, size - index - 1);
            System.arraycopy(values, index + 1, values, index, size - index - 1);
            size--;
            names[size] = null;
            values[size] = null;
            nameBits = 0;
            for (int i = 0; i < size; i++) {
                nameBits |= 1L << names[i].hashCode();
            }
        }
    }

    private EcsObject set(String name, Object value) {
        int hash = name.hashCode();
        int index = indexOf(name, hash);
        if (index >= 0) {
            values[index] = value;
        } else {
            append(name, hash, value);
        }
        return this;
    }

    private void append(String name, int hash, Object value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        nameBits |= 1L << hash; // a long shift uses the low six bits of hash
    }

    private int indexOf(String name) {
        return indexOf(name, name.hashCode());
    }

    private int indexOf(String name, int hash) {
        if ((nameBits & (1L << hash)) == 0) {
            return -1;
        }
        // Objects have a handful of fields, so a scan beats a hash table.
        for (int i = 0; i < size; i++) {
            String candidate = names[i]; // names are mostly the same literals: identity first
            if (candidate == name || (candidate.hashCode() == hash && candidate.equals(name))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Marks a finished object that a cache will share between documents: it is serialised once, here, and every
     * document containing it copies those bytes instead of walking it again (a cached user agent or source address
     * is about 300 bytes, two of them floating-point numbers, which are slow to format). The object, and the
     * objects inside it, must not change afterwards; it may hold no record subtrees.
     */
    EcsObject freeze() {
        ByteArrayOutputStream json = new ByteArrayOutputStream(512);
        try (JsonGenerator out = FROZEN_JSON.createGenerator(json)) { // UTF-8, so escaped exactly as documents are
            writeTo(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        frozenJson = new SerializedString(json.toString(StandardCharsets.UTF_8));
        frozenJson.asUnquotedUTF8(); // encoded now, while one thread owns the object, not on first use
        return this;
    }

    /** Writes this object as JSON; {@code provider} serialises the embedded record subtrees as Jackson would. */
    void writeTo(JsonGenerator out, SerializerProvider provider) throws IOException {
        if (frozenJson != null && writesPlainUtf8(out)) {
            out.writeRawValue(frozenJson);
            return;
        }
        out.writeStartObject();
        for (int i = 0; i < size; i++) {
            out.writeFieldName(names[i]);
            Object value = values[i];
            if (value instanceof String text) {
                out.writeString(text);
            } else if (value instanceof EcsObject child) {
                child.writeTo(out, provider);
            } else if (value instanceof String[] strings) {
                out.writeStartArray();
                for (String text : strings) {
                    out.writeString(text);
                }
                out.writeEndArray();
            } else if (value instanceof JsonNode node) {
                ((JsonSerializable) node).serialize(out, provider);
            } else if (value instanceof OriginalText original) {
                original.writeTo(out);
            } else if (value instanceof Boolean bool) {
                out.writeBoolean(bool);
            } else if (value instanceof Integer number) {
                out.writeNumber(number);
            } else if (value instanceof Long number) {
                out.writeNumber(number);
            } else if (value instanceof Double number) {
                out.writeNumber(number);
            } else if (value == null) {
                out.writeNull();
            } else {
                throw new IllegalStateException("unexpected value type " + value.getClass());
            }
        }
        out.writeEndObject();
    }

    /**
     * Whether {@code out} writes what a default UTF-8 generator writes, so that pre-serialised bytes fit in:
     * no pretty printing, no escaping beyond JSON's own.
     */
    private static boolean writesPlainUtf8(JsonGenerator out) {
        return out instanceof UTF8JsonGenerator && out.getPrettyPrinter() == null
                && out.getCharacterEscapes() == null && out.getHighestEscapedChar() == 0;
    }

    /** The same object as a Jackson tree (what {@link #writeTo} writes, as nodes). */
    ObjectNode toTree() {
        ObjectNode tree = JsonValues.NODES.objectNode();
        for (int i = 0; i < size; i++) {
            Object value = values[i];
            JsonNode node;
            if (value instanceof String text) {
                node = JsonValues.NODES.textNode(text);
            } else if (value instanceof EcsObject child) {
                node = child.toTree();
            } else if (value instanceof String[] strings) {
                ArrayNode array = JsonValues.NODES.arrayNode(strings.length);
                for (String text : strings) {
                    array.add(text);
                }
                node = array;
            } else if (value instanceof JsonNode subtree) {
                node = subtree;
            } else if (value instanceof OriginalText original) {
                node = JsonValues.NODES.textNode(original.toString());
            } else if (value instanceof Boolean bool) {
                node = JsonValues.NODES.booleanNode(bool);
            } else if (value instanceof Integer number) {
                node = JsonValues.NODES.numberNode(number);
            } else if (value instanceof Long number) {
                node = JsonValues.NODES.numberNode(number);
            } else if (value instanceof Double number) {
                node = JsonValues.NODES.numberNode(number);
            } else if (value == null) {
                node = JsonValues.NODES.nullNode();
            } else {
                throw new IllegalStateException("unexpected value type " + value.getClass());
            }
            tree.set(names[i], node);
        }
        return tree;
    }
}
