package org.cloudtrailopensearch.loader;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.state.LoadState;

/**
 * Tells the load state when an object is finished: once it has been read to the end and every document sent for
 * it has its bulk response (indexed or dead-lettered). Each object holds one reference for its reading and one per
 * document in flight; the last release marks it done. Thread-safe: responses arrive on the client's threads.
 */
final class ObjectCompletion {

    private final LoadState state;
    private final Runnable beforeMarking;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** @param beforeMarking makes what the object left behind (its dead letters) survive a crash before it is marked */
    ObjectCompletion(LoadState state, Runnable beforeMarking) {
        this.state = state;
        this.beforeMarking = beforeMarking;
    }

    void readingStarted(LogObject object) {
        // The same object named twice in one run (overlapping sources) is finished when both readings are.
        pending.compute(object.name(), (name, existing) -> {
            if (existing == null) {
                return new Pending(object);
            }
            existing.references.incrementAndGet();
            return existing;
        });
    }

    /** A document of the object named {@code source} was handed to the indexer. */
    void documentSent(String source) {
        Pending object = pending.get(source);
        if (object != null) {
            object.references.incrementAndGet();
        }
    }

    /** A document of the object named {@code source} was indexed or dead-lettered. */
    void documentSettled(String source) {
        release(source);
    }

    void readingFinished(LogObject object) {
        release(object.name());
    }

    private void release(String source) {
        Pending object = pending.get(source);
        if (object != null && object.references.decrementAndGet() == 0 && pending.remove(source, object)) {
            beforeMarking.run();
            state.markDone(object.object);
        }
    }

    private static final class Pending {
        final LogObject object;
        final AtomicLong references = new AtomicLong(1);

        Pending(LogObject object) {
            this.object = object;
        }
    }
}
