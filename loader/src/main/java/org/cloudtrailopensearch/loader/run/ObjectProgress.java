package org.cloudtrailopensearch.loader.run;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * How far one object is through the pipeline. Its reading holds one count and each record read holds one until
 * it reaches its end (indexed and acknowledged, dead-lettered or skipped), so the count reaches zero exactly once:
 * when the reading ended and every record of it ended. Records end on workers and client threads in any order.
 */
final class ObjectProgress {

    private final LogObject object;
    private final Consumer<ObjectProgress> whenFinished;
    private final AtomicLong open = new AtomicLong(1);
    private volatile boolean empty;
    private volatile boolean requestFailed;
    private volatile boolean deadLettered;
    private volatile String unreadable;

    /** @param object the object, or null for records that come from no listed object (dead letters fed back) */
    ObjectProgress(LogObject object, Consumer<ObjectProgress> whenFinished) {
        this.object = object;
        this.whenFinished = whenFinished;
    }

    LogObject object() {
        return object;
    }

    /** A record of this object is on its way; called by its reader before {@link #readingEnded}. */
    void recordStarted() {
        open.incrementAndGet();
    }

    void recordEnded() {
        if (open.decrementAndGet() == 0) {
            whenFinished.accept(this);
        }
    }

    /** @param empty the object held no records at all (and no damage) */
    void readingEnded(boolean empty) {
        this.empty = empty;
        recordEnded();
    }

    boolean isEmpty() {
        return empty;
    }

    /** A record of it was dead-lettered because the cluster kept failing: a re-run must load the object again. */
    void requestFailed() {
        requestFailed = true;
    }

    boolean hadRequestFailure() {
        return requestFailed;
    }

    void deadLettered() {
        deadLettered = true;
    }

    boolean hadDeadLetters() {
        return deadLettered;
    }

    /** The object could not be fetched at all (e.g. not found, access denied): it is worth trying again later. */
    void unreadable(String message) {
        unreadable = message;
    }

    /** What a feed is told when this object finished. */
    ObjectEnd end() {
        if (requestFailed) {
            return ObjectEnd.retry(org.cloudtrailopensearch.loader.index.IndexFailure.REQUEST_FAILED
                    + ": the cluster did not accept its records within the retry limit");
        }
        String cannotRead = unreadable;
        return cannotRead == null ? ObjectEnd.SETTLED
                : ObjectEnd.retry(org.cloudtrailopensearch.loader.read.ReadFailure.Reason.UNREADABLE_OBJECT + ": " + cannotRead);
    }
}
