package org.cloudtrailopensearch.loader.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cloudtrailopensearch.loader.run.ObjectEnd;
import org.cloudtrailopensearch.loader.run.ObjectFeed;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * The objects of received messages, handed to the load's readers; tells the worker when a message's last object
 * ended. Its size is bounded by the worker, which receives only while fewer than its maximum of messages are in
 * flight.
 */
final class QueueFeed implements ObjectFeed {

    private final BlockingQueue<LogObject> waiting = new LinkedBlockingQueue<>();
    /** By identity: two messages may name the same object, and each must hear of its own copy. */
    private final Map<LogObject, InFlightMessage> owners = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Consumer<InFlightMessage> whenMessageEnded;
    private volatile boolean closed;

    QueueFeed(Consumer<InFlightMessage> whenMessageEnded) {
        this.whenMessageEnded = whenMessageEnded;
    }

    void add(InFlightMessage message, List<LogObject> objects) {
        if (closed) {
            throw new IllegalStateException("the feed is closed");
        }
        objects.forEach(object -> owners.put(object, message));
        waiting.addAll(objects);
    }

    /** No more objects: the readers stop once they took what is waiting. */
    void close() {
        closed = true;
    }

    /** No more objects, and those not taken yet are taken back (their messages will not end). */
    List<LogObject> closeAndTakeBack() {
        closed = true;
        List<LogObject> takenBack = new ArrayList<>();
        waiting.drainTo(takenBack);
        takenBack.forEach(owners::remove);
        return takenBack;
    }

    @Override
    public LogObject poll(Duration wait) throws InterruptedException {
        return waiting.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean exhausted() {
        return closed && waiting.isEmpty();
    }

    @Override
    public void finished(LogObject object, ObjectEnd end) {
        InFlightMessage message = owners.remove(object);
        if (message != null && message.objectEnded(end)) {
            whenMessageEnded.accept(message);
        }
    }
}
