package org.cloudtrailopensearch.loader.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(1));

    @Test
    void waitsAreJitteredBelowADoublingCeilingThatStopsAtTheMaximum() {
        Random random = new Random(7);
        long[] ceilings = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            long longest = 0;
            long shortest = Long.MAX_VALUE;
            for (int draw = 0; draw < 2000; draw++) {
                long wait = policy.delay(attempt, random).toMillis();
                longest = Math.max(longest, wait);
                shortest = Math.min(shortest, wait);
            }
            assertTrue(longest <= ceilings[attempt] && longest > ceilings[attempt] * 9 / 10,
                    "attempt " + attempt + ": longest " + longest);
            assertTrue(shortest < ceilings[attempt] / 10, "full jitter reaches down to zero: " + shortest);
        }
        assertTrue(policy.delay(1000, random).toMillis() <= 2000, "no overflow for many attempts");
    }

    @Test
    void defaultsRetryForFiveMinutes() {
        assertEquals(Duration.ofMinutes(5), RetryPolicy.defaults().maxRetryTime());
        assertEquals(RetryPolicy.defaults(), BulkSettings.defaults().retry());
        assertEquals(Duration.ofSeconds(30), RetryPolicy.defaults().withMaxRetryTime(Duration.ofSeconds(30)).maxRetryTime());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> policy.withMaxRetryTime(Duration.ofSeconds(-1)));
    }
}
