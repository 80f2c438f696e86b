package org.cloudtrailopensearch.mapper.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;

/**
 * One object of the ECS document while it is being built: ordered fields whose values are strings, booleans,
 * numbers, string arrays, arrays of scalars or objects, nested {@code EcsObject}s, objects shared between documents ({@link FrozenObject}) or
 * Jackson subtrees taken from the record.
 *
 * <p>Why not an {@link ObjectNode}: the document has about 30 objects, and as Jackson nodes each is a
 * {@code LinkedHashMap} plus a node per value, built only to be walked once by the serialiser. This class is one
 * small array per object, and the mapping rules write to it once; it then either goes straight to a
 * {@link JsonGenerator} ({@code CloudTrailMapper.mapTo}) or becomes a Jackson tree ({@code CloudTrailMapper.map}).
 * Both outputs have the same fields in the same order: {@link #put} keeps a replaced field where it was and
 * {@link #remove} forgets the position, exactly as {@code ObjectNode} (a {@code LinkedHashMap}) does.
 *
 * <p>Not thread-safe; an instance belongs to one document, except those inside a {@link FrozenObject}, which are
 * shared and never changed.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class EcsObject {

    /**
     * Name and value of field i at 2i and 2i + 1: one array rather than two, as most objects hold one to three
     * fields and a document has about thirty objects.
     */
    private Object[] fields = new Object[8];
    private int size;
    /**
     * Bit {@code hash & 63} set for each name's hash: a clear bit proves a name absent, so most puts (new names)
     * append without scanning the fields first.
     */
    private long nameBits;

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * The value of {@code name} (String, Boolean, Number, String[], Object[], JsonNode, OriginalText, FrozenObject or
     * EcsObject), or null.
     */
    public Object get(String name) {
        int index = indexOf(name);
        return index < 0 ? null : fields[2 * index + 1];
    }

    /** Like {@code ObjectNode.put(String, String)}: a null value is written as JSON null. */
    public EcsObject put(String name, String value) {
        return set(name, value);
    }

    public EcsObject put(String name, boolean value) {
        return set(name, Boolean.valueOf(value));
    }

    /** A number (Integer, Long or Double, written as such) or null for JSON null. */
    public EcsObject put(String name, Number value) {
        return set(name, value);
    }

    /** The record's own bytes as a string value (see {@link OriginalText}). */
    public EcsObject put(String name, OriginalText value) {
        return set(name, value);
    }

    /** A JSON array of strings, in the collection's order. */
    public EcsObject putStrings(String name, Collection<String> strings) {
        return set(name, strings.toArray(new String[strings.size()]));
    }

    /** A JSON array of strings; the array becomes the document's and must not change afterwards. */
    public EcsObject putStrings(String name, String[] strings) {
        return set(name, (Object) strings);
    }

    /**
     * A JSON array whose elements are Strings, Booleans, Integers, Longs or {@code EcsObject}s (an array of
     * objects, e.g. {@code threat.enrichments}); the array becomes the document's and must not change afterwards.
     */
    public EcsObject putArray(String name, Object[] values) {
        return set(name, (Object) values);
    }

    /** A subtree of the record, embedded as it is (see {@code MappingContext.embed}). */
    public EcsObject set(String name, JsonNode subtree) {
        return set(name, (Object) subtree);
    }

    public EcsObject set(String name, EcsObject child) {
        return set(name, (Object) child);
    }

    /** An object shared with other documents, written as its pre-serialised JSON. */
    public EcsObject set(String name, FrozenObject shared) {
        return set(name, (Object) shared);
    }

    /** A new empty object under {@code name}, replacing any value there. */
    public EcsObject putObject(String name) {
        EcsObject child = new EcsObject();
        set(name, (Object) child);
        return child;
    }

    /** The object under {@code name}, created (or put in place of a non-object value) on first use. */
    public EcsObject object(String name) {
        int hash = name.hashCode();
        int index = indexOf(name, hash);
        if (index >= 0 && fields[2 * index + 1] instanceof EcsObject existing) {
            return existing;
        }
        EcsObject child = new EcsObject();
        if (index >= 0) {
            fields[2 * index + 1] = child;
        } else {
            append(name, hash, child);
        }
        return child;
    }

    public void remove(String name) {
        int index = indexOf(name);
        if (index >= 0) {
            System.arraycopy(fields, 2 * index + 2, fields, 2 * index, 2 * (size - index - 1));
            size--;
            fields[2 * size] = null;
            fields[2 * size + 1] = null;
            nameBits = 0;
            for (int i = 0; i < size; i++) {
                nameBits |= 1L << name(i).hashCode();
            }
        }
    }

    private EcsObject set(String name, Object value) {
        int hash = name.hashCode();
        int index = indexOf(name, hash);
        if (index >= 0) {
            fields[2 * index + 1] = value;
        } else {
            append(name, hash, value);
        }
        return this;
    }

    private void append(String name, int hash, Object value) {
        if (2 * size == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[2 * size] = name;
        fields[2 * size + 1] = value;
        size++;
        nameBits |= 1L << hash; // a long shift uses the low six bits of hash
    }

    private String name(int index) {
        return (String) fields[2 * index];
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
            String candidate = name(i); // names are mostly the same literals: identity first
            if (candidate == name || (candidate.hashCode() == hash && candidate.equals(name))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Writes this object through {@code out}'s own methods; {@code provider} serialises the embedded record
     * subtrees as Jackson would. Same output as {@link #encodeTo}, for any generator.
     */
    public void writeTo(JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeStartObject();
        for (int i = 0; i < size; i++) {
            out.writeFieldName(name(i));
            Object value = fields[2 * i + 1];
            if (value instanceof String text) {
                out.writeString(text);
            } else if (value instanceof EcsObject child) {
                child.writeTo(out, provider);
            } else if (value instanceof FrozenObject frozen) {
                frozen.object().writeTo(out, provider);
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
            } else if (value instanceof Object[] array) {
                writeArray(out, provider, array);
            } else if (value == null) {
                out.writeNull();
            } else {
                throw new IllegalStateException("unexpected value type " + value.getClass());
            }
        }
        out.writeEndObject();
    }

    /** An array of Strings, Booleans, Integers, Longs and EcsObjects (see {@link #putArray}). */
    private static void writeArray(JsonGenerator out, SerializerProvider provider, Object[] array) throws IOException {
        out.writeStartArray();
        for (Object element : array) {
            if (element instanceof String text) {
                out.writeString(text);
            } else if (element instanceof EcsObject child) {
                child.writeTo(out, provider);
            } else if (element instanceof Boolean bool) {
                out.writeBoolean(bool);
            } else if (element instanceof Integer number) {
                out.writeNumber(number);
            } else if (element instanceof Long number) {
                out.writeNumber(number);
            } else {
                throw new IllegalStateException("unexpected array element " + element);
            }
        }
        out.writeEndArray();
    }

    /** Encodes this object as compact UTF-8 JSON: the bytes {@link #writeTo} writes with a default generator. */
    public void encodeTo(JsonBytes json) {
        json.raw((byte) '{');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.raw((byte) ',');
            }
            json.name(name(i));
            Object value = fields[2 * i + 1];
            if (value instanceof String text) {
                json.string(text);
            } else if (value instanceof EcsObject child) {
                child.encodeTo(json);
            } else if (value instanceof FrozenObject frozen) {
                frozen.encodeTo(json);
            } else if (value instanceof String[] strings) {
                json.raw((byte) '[');
                for (int s = 0; s < strings.length; s++) {
                    if (s > 0) {
                        json.raw((byte) ',');
                    }
                    json.string(strings[s]);
                }
                json.raw((byte) ']');
            } else if (value instanceof JsonNode node) {
                json.node(node);
            } else if (value instanceof OriginalText original) {
                original.encodeTo(json);
            } else if (value instanceof Boolean bool) {
                json.ascii(bool ? "true" : "false");
            } else if (value instanceof Integer || value instanceof Long) {
                json.ascii(value.toString());
            } else if (value instanceof Object[] array) {
                encodeArray(json, array);
            } else if (value == null) {
                json.ascii("null");
            } else {
                json.viaGenerator(value);
            }
        }
        json.raw((byte) '}');
    }

    /** What {@link #writeArray} writes, as bytes. */
    private static void encodeArray(JsonBytes json, Object[] array) {
        json.raw((byte) '[');
        for (int i = 0; i < array.length; i++) {
            if (i > 0) {
                json.raw((byte) ',');
            }
            Object element = array[i];
            if (element instanceof String text) {
                json.string(text);
            } else if (element instanceof EcsObject child) {
                child.encodeTo(json);
            } else if (element instanceof Boolean bool) {
                json.ascii(bool ? "true" : "false");
            } else if (element instanceof Integer || element instanceof Long) {
                json.ascii(element.toString());
            } else {
                throw new IllegalStateException("unexpected array element " + element);
            }
        }
        json.raw((byte) ']');
    }

    /** The same object as a Jackson tree (what {@link #writeTo} writes, as nodes). */
    public ObjectNode toTree() {
        ObjectNode tree = JsonValues.NODES.objectNode();
        for (int i = 0; i < size; i++) {
            Object value = fields[2 * i + 1];
            JsonNode node;
            if (value instanceof String text) {
                node = JsonValues.NODES.textNode(text);
            } else if (value instanceof EcsObject child) {
                node = child.toTree();
            } else if (value instanceof FrozenObject frozen) {
                node = frozen.object().toTree();
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
            } else if (value instanceof Object[] array) {
                node = arrayTree(array);
            } else if (value == null) {
                node = JsonValues.NODES.nullNode();
            } else {
                throw new IllegalStateException("unexpected value type " + value.getClass());
            }
            tree.set(name(i), node);
        }
        return tree;
    }

    /** What {@link #writeArray} writes, as nodes. */
    private static ArrayNode arrayTree(Object[] array) {
        ArrayNode tree = JsonValues.NODES.arrayNode(array.length);
        for (Object element : array) {
            if (element instanceof String text) {
                tree.add(text);
            } else if (element instanceof EcsObject child) {
                tree.add(child.toTree());
            } else if (element instanceof Boolean bool) {
                tree.add(bool);
            } else if (element instanceof Integer number) {
                tree.add(number);
            } else if (element instanceof Long number) {
                tree.add(number);
            } else {
                throw new IllegalStateException("unexpected array element " + element);
            }
        }
        return tree;
    }
}
