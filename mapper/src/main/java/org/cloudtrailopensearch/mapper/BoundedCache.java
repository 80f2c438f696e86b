package org.cloudtrailopensearch.mapper;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe cache that never holds more than {@code capacity} entries. When full it evicts an arbitrary
 * entry: user agents follow a steep popularity curve, so the hot ones come straight back, and the cost of an
 * exact LRU (a lock on every read) would eat the saving.
 */
final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> entries;
    private final int capacity;

    BoundedCache(int capacity) {
        this.capacity = capacity;
        // Sized by what is actually cached, not by the capacity: a table pre-sized for 50,000 GeoIP entries is
        // 512 KB of slots for the few thousand addresses a trail has, and a hit then mostly waits on memory.
        this.entries = new ConcurrentHashMap<>();
    }

    /** The cached value, or null. */
    V getIfPresent(K key) {
        return entries.get(key);
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
