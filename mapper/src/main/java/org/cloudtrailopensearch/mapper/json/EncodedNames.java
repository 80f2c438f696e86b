package org.cloudtrailopensearch.mapper.json;

import java.nio.charset.StandardCharsets;

/**
 * The document's field names encoded once, as {@code "name":} in UTF-8 (see {@link JsonBytes}). The names are
 * string literals and table entries of this package, a few hundred at most.
 *
 * <p>A fixed table indexed by the name's hash: the first name to land in a slot keeps it, and a later name whose
 * slot is taken is encoded on each use. That keeps a lookup at three reads with no locking, and a name that is
 * not a constant (there are none today) could only cost speed, never correctness. Threads may race to fill a
 * slot; every entry they could see is complete and right (final fields).
 */
final class EncodedNames {

    /** Several times the distinct names of a document, so that few share a slot. */
    private static final int SLOTS = 2048;
    private static final Entry[] TABLE = new Entry[SLOTS];

    private record Entry(String name, byte[] encoded) {
    }

    private EncodedNames() {
    }

    /** {@code "name":} as UTF-8, or null when another name holds this one's slot or the name needs escaping. */
    public static byte[] of(String name) {
        int slot = name.hashCode() & (SLOTS - 1);
        Entry entry = TABLE[slot];
        if (entry == null) {
            if (!JsonBytes.needsNoEscaping(name)) {
                return null;
            }
            entry = new Entry(name, ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII));
            TABLE[slot] = entry;
        }
        String held = entry.name();
        return held == name || held.equals(name) ? entry.encoded() : null;
    }
}
