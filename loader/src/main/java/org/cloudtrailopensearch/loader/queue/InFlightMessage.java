package org.cloudtrailopensearch.loader.queue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudtrailopensearch.loader.run.ObjectEnd;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * A received message whose objects are being loaded. It is settled exactly once: deleted when every object ended
 * settled, released (visible again) when one has to be tried again or the worker stops before all ended.
 */
final class InFlightMessage {

    private final ReceivedMessage message;
    private final List<NotifiedObject> notified;
    private final List<LogObject> objects;
    private final AtomicInteger openObjects;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile String retryBecause;
    private volatile long visibleAgainNanos;

    /** @param objects the loadable form of each of {@code notified}, in the same order */
    InFlightMessage(ReceivedMessage message, List<NotifiedObject> notified, List<LogObject> objects,
            long visibleAgainNanos) {
        if (notified.size() != objects.size()) {
            throw new IllegalArgumentException("one log object per notified object");
        }
        this.message = message;
        this.notified = List.copyOf(notified);
        this.objects = List.copyOf(objects);
        this.openObjects = new AtomicInteger(objects.size());
        this.visibleAgainNanos = visibleAgainNanos;
    }

    ReceivedMessage message() {
        return message;
    }

    List<NotifiedObject> notified() {
        return notified;
    }

    List<LogObject> objects() {
        return objects;
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
