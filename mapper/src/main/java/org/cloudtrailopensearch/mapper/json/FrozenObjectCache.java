package org.cloudtrailopensearch.mapper.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Frozen objects by string key, for {@code user_agent} and {@code source}: thread-safe, bounded, and built so
 * that a hit touches as little memory as possible. A corpus has thousands of distinct user agents and addresses,
 * hit in no particular order, so a lookup mostly waits on main memory: a {@code ConcurrentHashMap} of
 * {@code String} to object took seven dependent reads (slot, node, key, key bytes, value, its JSON, its bytes),
 * this table takes three (slot, entry, one array holding key and JSON, see {@link FrozenObject}).
 *
 * <p>Open addressing: a key sits in one of the eight slots from its hash on. The table doubles while more than
 * half full or when those eight slots are taken, up to twice the capacity. A cache holding {@code capacity}
 * entries starts again empty on the next new key: simpler than choosing victims, and the keys in use come back
 * at once. Reads take no lock: entries are immutable, a table is published through a volatile field, and a
 * reader that misses a concurrent insert only computes the object again. Writers lock.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class FrozenObjectCache {

    private static final int INITIAL_SLOTS = 1024;
    /** Slots a key may be in: its own and the next seven, two cache lines at most. */
    private static final int PROBES = 8;
    private static final int NO_SLOT = -1;
    private static final int KNOWN = -2;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final int capacity;
    /** The table's final size: at least twice the capacity, so that it is at most half full. */
    private final int maxSlots;
    private volatile FrozenObject[] slots;
    private int size;

    /** @param capacity the entries to hold at most; 0 caches nothing */
    public FrozenObjectCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.maxSlots = capacity <= 0 ? 0 : Integer.highestOneBit(2 * capacity - 1) << 1;
        this.slots = new FrozenObject[Math.min(INITIAL_SLOTS, maxSlots)];
    }

    /** The object cached under {@code key}, or null. */
    public FrozenObject get(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return get(bytes, hash(bytes));
    }

    /** The object cached under {@code key}, else the one {@code compute} builds, frozen and cached now. */
    public FrozenObject computeIfAbsent(String key, Function<String, EcsObject> compute) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int hash = hash(bytes);
        FrozenObject cached = get(bytes, hash);
        if (cached != null) {
            return cached;
        }
        FrozenObject frozen = FrozenObject.of(bytes, hash, compute.apply(key));
        if (maxSlots > 0) {
            insert(frozen);
        }
        return frozen;
    }

    /** A hash of the key's bytes, eight at a time (a {@code String}'s own hash takes a multiplication per character). */
    private static int hash(byte[] key) {
        long hash = key.length * MULTIPLIER;
        int i = 0;
        for (; i + 8 <= key.length; i += 8) {
            hash = Long.rotateLeft((hash ^ (long) LONGS.get(key, i)) * MULTIPLIER, 31);
        }
        long tail = 0;
        for (int shift = 0; i < key.length; i++, shift += 8) {
            tail |= (key[i] & 0xFFL) << shift;
        }
        hash ^= tail;
        // MurmurHash3's finaliser: every input bit reaches the low bits, which pick the slot.
        hash = (hash ^ (hash >>> 33)) * 0xFF51AFD7ED558CCDL;
        hash = (hash ^ (hash >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (int) (hash ^ (hash >>> 33));
    }

    private FrozenObject get(byte[] key, int hash) {
        FrozenObject[] table = slots;
        int mask = table.length - 1;
        for (int probe = 0; probe < PROBES && probe <= mask; probe++) {
            FrozenObject entry = table[(hash + probe) & mask];
            if (entry == null) {
                return null;
            }
            if (entry.keyHash() == hash && entry.hasKey(key)) {
                return entry;
            }
        }
        return null;
    }

    private synchronized void insert(FrozenObject entry) {
        FrozenObject[] table = slots;
        if (size >= capacity) {
            table = new FrozenObject[table.length]; // full: start again, the keys in use come back at once
            size = 0;
        } else if (2 * (size + 1) > table.length && table.length < maxSlots) {
            table = grown(table);
        }
        int slot = freeSlot(table, entry);
        while (slot == NO_SLOT && table.length < maxSlots) {
            table = grown(table);
            slot = freeSlot(table, entry);
        }
        if (slot == KNOWN) {
            return; // another thread was first
        }
        if (slot == NO_SLOT) {
            slot = entry.keyHash() & (table.length - 1); // its eight slots are taken: it replaces the first
        } else {
            size++;
        }
        table[slot] = entry;
        slots = table;
    }

    /** The first free slot of {@code entry}'s probe run, {@link #KNOWN} when its key is there, or {@link #NO_SLOT}. */
    private static int freeSlot(FrozenObject[] table, FrozenObject entry) {
        int mask = table.length - 1;
        for (int probe = 0; probe < PROBES && probe <= mask; probe++) {
            int slot = (entry.keyHash() + probe) & mask;
            FrozenObject cached = table[slot];
            if (cached == null) {
                return slot;
            }
            if (cached.keyHash() == entry.keyHash() && cached.hasSameKey(entry)) {
                return KNOWN;
            }
        }
        return NO_SLOT;
    }

    /** The entries in a table twice the size (one whose probe run is full there, very unlikely, is dropped). */
    private FrozenObject[] grown(FrozenObject[] table) {
        FrozenObject[] larger = new FrozenObject[table.length * 2];
        size = 0;
        for (FrozenObject entry : table) {
            if (entry != null) {
                int slot = freeSlot(larger, entry);
                if (slot >= 0) {
                    larger[slot] = entry;
                    size++;
                }
            }
        }
        return larger;
    }

    public int size() {
        return size;
    }
}
