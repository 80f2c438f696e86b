package org.cloudtrailopensearch.loader.queue;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe tallies of a worker's messages; the load's own counters count objects and records. */
public final class QueueCounters {

    private final LongAdder received = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder unparseable = new LongAdder();
    private final LongAdder objects = new LongAdder();
    private final Map<String, LongAdder> ignoredByReason = new ConcurrentHashMap<>();

    /** @param receiveCount the message's {@code ApproximateReceiveCount}, this receive included (0 unknown) */
    void received(int receiveCount) {
        received.increment();
        if (receiveCount > 1) {
            redelivered.increment();
        }
    }

    void deleted() {
        deleted.increment();
    }

    void released() {
        released.increment();
    }

    /** A message with nothing to load (a test event, only other keys or events), deleted. */
    void ignoredMessage() {
        ignored.increment();
    }

    /** One event of a message that is not loaded, by reason (also {@code TEST_EVENT}). */
    void ignoredEvent(String reason) {
        ignoredByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void unparseable() {
        unparseable.increment();
    }

    void objects(int count) {
        objects.add(count);
    }

    public long receivedCount() {
        return received.sum();
    }

    public Snapshot snapshot() {
        Map<String, Long> reasons = new TreeMap<>();
        ignoredByReason.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return new Snapshot(received.sum(), redelivered.sum(), deleted.sum(), released.sum(), ignored.sum(), unparseable.sum(),
                objects.sum(), reasons);
    }

    /**
     * @param redelivered messages received that had been received before (by this or another worker: one that died,
     *                    released them or let their visibility lapse), from SQS's {@code ApproximateReceiveCount}
     * @param ignored     messages deleted with nothing to load
     * @param unparseable messages left on the queue for its redrive policy
     * @param objects     objects named by the messages and handed to the load
     */
    public record Snapshot(long received, long redelivered, long deleted, long released, long ignored, long unparseable, long objects,
            Map<String, Long> ignoredByReason) {
    }
}
