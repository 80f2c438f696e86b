package org.cloudtrailopensearch.loader.queue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudtrailopensearch.loader.run.ObjectEnd;

/**
 * A received message whose objects are being loaded. It is settled exactly once: deleted when every object ended
 * settled, released (visible again) when one has to be tried again or the worker stops before all ended.
 */
final class InFlightMessage {

    private final ReceivedMessage message;
    private final AtomicInteger openObjects;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile String retryBecause;
    private volatile long visibleAgainNanos;

    InFlightMessage(ReceivedMessage message, int objects, long visibleAgainNanos) {
        this.message = message;
        this.openObjects = new AtomicInteger(objects);
        this.visibleAgainNanos = visibleAgainNanos;
    }

    ReceivedMessage message() {
        return message;
    }

    /** @return true when this was the message's last open object */
    boolean objectEnded(ObjectEnd end) {
        if (!end.settled()) {
            retryBecause = end.retryBecause();
        }
        return openObjects.decrementAndGet() == 0;
    }

    /** Why the message must come back, or null when every object ended settled. */
    String retryBecause() {
        return retryBecause;
    }

    /** @return true for the one caller that settles the message */
    boolean claim() {
        return settled.compareAndSet(false, true);
    }

    boolean isSettled() {
        return settled.get();
    }

    /** When the queue makes the message visible again unless its visibility is extended ({@link System#nanoTime()}). */
    long visibleAgainNanos() {
        return visibleAgainNanos;
    }

    void extendedUntil(long nanos) {
        visibleAgainNanos = nanos;
    }
}
