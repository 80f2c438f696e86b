package org.cloudtrailopensearch.mapper.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** related.* values: first-added order, each once, the same as a LinkedHashSet, below and past the scan limit. */
class UniqueStringsTest {

    @Test
    void keepsTheOrderFirstAddedAndEachValueOnce() {
        Random random = new Random(3);
        for (int values = 0; values < 60; values++) {
            UniqueStrings unique = new UniqueStrings();
            Set<String> expected = new LinkedHashSet<>();
            for (int i = 0; i < 3 * values; i++) {
                String value = new String("v" + random.nextInt(values + 1)); // equal values, different instances
                unique.add(value);
                expected.add(value);
            }
            assertArrayEquals(expected.toArray(new String[0]), unique.toArray(), "with up to " + values + " values");
        }
    }

    @Test
    void startsEmpty() {
        UniqueStrings unique = new UniqueStrings();
        assertTrue(unique.isEmpty());
        assertArrayEquals(new String[0], unique.toArray());
    }
}
