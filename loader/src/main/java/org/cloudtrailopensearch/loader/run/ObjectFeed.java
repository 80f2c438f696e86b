package org.cloudtrailopensearch.loader.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * Where a {@link LoadJob}'s readers take the objects to load from: a listing known up front ({@link #of}), or objects
 * that arrive while the job runs (queue mode). The feed is told when each object it gave out is finished, so that
 * whatever asked for the object (a queue message) can be settled only then. Implementations are thread-safe.
 */
public interface ObjectFeed {

    /** The next object, waiting up to {@code wait} for one; null when none came in that time. */
    LogObject poll(Duration wait) throws InterruptedException;

    /** True once the feed gives no more objects and every object was taken: the readers stop. */
    boolean exhausted();

    /**
     * Every record of {@code object} (given out by {@link #poll}) reached its end, or the object was skipped. Called
     * once per object, on whichever thread ended it. Objects the job did not finish (it stopped first) are not reported.
     */
    default void finished(LogObject object, ObjectEnd end) {
    }

    /** The objects of a listing, in order. */
    static ObjectFeed of(List<LogObject> objects) {
        List<LogObject> copy = List.copyOf(objects);
        AtomicInteger next = new AtomicInteger();
        return new ObjectFeed() {
            @Override
            public LogObject poll(Duration wait) {
                int index = next.getAndIncrement();
                return index < copy.size() ? copy.get(index) : null;
            }

            @Override
            public boolean exhausted() {
                return next.get() >= copy.size();
            }
        };
    }
}
