package org.cloudtrailopensearch.loader.index;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long and how often a failing bulk request is sent again: exponential backoff with full jitter (a wait
 * drawn uniformly between zero and {@code min(maxDelay, initialDelay * 2^attempt)}), so that many clients
 * hitting the same recovering cluster do not come back in lockstep.
 *
 * @param initialDelay the upper bound of the first wait
 * @param maxDelay     the largest upper bound any wait has
 * @param maxRetryTime how long after a request's first failure it is still sent again; zero: never
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, Duration maxRetryTime) {

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryTime, "maxRetryTime");
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0
                || maxRetryTime.isNegative()) {
            throw new IllegalArgumentException("retry policy needs 0 < initialDelay <= maxDelay and maxRetryTime >= 0: "
                    + initialDelay + ", " + maxDelay + ", " + maxRetryTime);
        }
    }

    /** 200 ms doubling up to 10 s, for up to 5 minutes: rides out a node restart or a long GC pause. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    public RetryPolicy withMaxRetryTime(Duration maxRetryTime) {
        return new RetryPolicy(initialDelay, maxDelay, maxRetryTime);
    }

    /** The wait before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = initialDelay.toMillis();
        for (int i = 0; i < attempt && ceiling < maxDelay.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxDelay.toMillis());
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}
