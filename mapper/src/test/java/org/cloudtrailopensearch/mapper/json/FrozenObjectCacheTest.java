package org.cloudtrailopensearch.mapper.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FrozenObjectCacheTest {

    @Test
    void everyKeyAddedIsFoundAgainWithItsObject() {
        FrozenObjectCache cache = new FrozenObjectCache(50_000);
        for (int i = 0; i < 20_000; i++) {
            add(cache, key(i)); // keys alike but for their last characters, as addresses and user agents are
        }
        assertEquals(20_000, cache.size());
        for (int i = 0; i < 20_000; i++) {
            FrozenObject found = get(cache, key(i));
            assertNotNull(found, key(i));
            assertEquals("{\"key\":\"" + key(i) + "\"}", found.json());
        }
        assertNull(get(cache, key(20_000)));
    }

    @Test
    void aFullCacheStartsAgainAndNeverHoldsMoreThanItsCapacity() {
        FrozenObjectCache cache = new FrozenObjectCache(100);
        for (int i = 0; i < 1_000; i++) {
            add(cache, key(i));
            assertTrue(cache.size() <= 100, "size " + cache.size());
            assertNotNull(get(cache, key(i)), "the newest key is cached");
        }
        assertNull(get(cache, key(0)));
    }

    @Test
    void aCacheOfCapacityZeroHoldsNothing() {
        FrozenObjectCache cache = new FrozenObjectCache(0);
        assertEquals("{\"key\":\"a\"}", add(cache, "a").json());
        assertNull(get(cache, "a"));
    }

    @Test
    void threadsSharingTheCacheOnlyEverSeeTheirKeysObjects() throws Exception {
        FrozenObjectCache cache = new FrozenObjectCache(3_000);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        String key = key((i * 7 + seed * 13) % 5_000); // more keys than the capacity: flushes too
                        FrozenObject found = get(cache, key);
                        if (found == null) {
                            found = add(cache, key);
                        }
                        assertEquals("{\"key\":\"" + key + "\"}", found.json());
                        assertEquals(key, found.object().get("key"), "the tree form belongs to the same key");
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(cache.size() <= 3_000);
    }

    private static String key(int i) {
        return "aws-cli/2.15." + i + " Python/3.11.6 Linux/6.1 exe/x86_64 prompt/off";
    }

    private static FrozenObject get(FrozenObjectCache cache, String key) {
        return cache.get(key);
    }

    private static FrozenObject add(FrozenObjectCache cache, String key) {
        return cache.computeIfAbsent(key, k -> new EcsObject().put("key", k));
    }
}
