package org.cloudtrailopensearch.mapper.rules;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Strings in the order first added, each once: the values of a {@code related.*} array. These have a handful of
 * values per record, where a scan is cheaper than a {@code LinkedHashSet}'s table and entry per value; past
 * {@value #SCAN_LIMIT} values (an event naming hundreds of instances) a hash set takes over the membership test.
 */
final class UniqueStrings {

    private static final int SCAN_LIMIT = 16;
    private static final String[] NONE = new String[0];

    private String[] values = NONE;
    private int size;
    private Set<String> index;

    void add(String value) {
        if (contains(value)) {
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(4, 2 * size));
        }
        values[size++] = value;
        if (index != null) {
            index.add(value);
        } else if (size > SCAN_LIMIT) {
            index = new HashSet<>(Arrays.asList(values).subList(0, size));
        }
    }

    private boolean contains(String value) {
        if (index != null) {
            return index.contains(value);
        }
        for (int i = 0; i < size; i++) {
            if (values[i].equals(value)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The values as a new array, in the order first added. */
    String[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
