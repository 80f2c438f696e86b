package org.cloudtrailopensearch.mapper.rules;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cloudtrailopensearch.mapper.json.FrozenObjectCache;

/**
 * A thread-safe cache that never holds more than {@code capacity} entries (used for event profiles; user agents
 * and addresses have {@link FrozenObjectCache}). When full it evicts an arbitrary entry: the few hundred API
 * calls of a trail come straight back, and the cost of an exact LRU (a lock on every read) would eat the saving.
 */
final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> entries;
    private final int capacity;

    BoundedCache(int capacity) {
        this.capacity = capacity;
        // Sized by what is actually cached, not by the capacity, which is far above what a trail needs.
        this.entries = new ConcurrentHashMap<>();
    }

    V get(K key, Function<K, V> compute) {
        V cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        V value = compute.apply(key);
        if (capacity <= 0) {
            return value;
        }
        while (entries.size() >= capacity) {
            Iterator<K> victims = entries.keySet().iterator();
            if (!victims.hasNext()) {
                break;
            }
            entries.remove(victims.next());
        }
        entries.put(key, value);
        return value;
    }

    int size() {
        return entries.size();
    }
}
