package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cloudtrailopensearch.loader.source.Listing;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.source.LogObjectSource;

/**
 * A source whose objects at the given positions of the listing do not open until the test opens their gate, so that
 * something the test does (pause, stop or restart a node) always falls at a known point in the middle of a load,
 * without fixed sleeps. Only the reader thread that opens a gated object waits: other readers go on with the next
 * objects, up to the next gate.
 */
public final class GatedSource implements LogObjectSource {

    private final LogObjectSource delegate;
    private final int[] positions;
    private final List<Gate> gates = new ArrayList<>();

    /** One gate before each object at {@code positions} (0-based, ascending). */
    public GatedSource(LogObjectSource delegate, int... positions) {
        this.delegate = delegate;
        this.positions = positions.clone();
        for (int ignored : positions) {
            gates.add(new Gate());
        }
    }

    /** The gate before the object at the {@code n}-th position given. */
    public Gate gate(int n) {
        return gates.get(n);
    }

    @Override
    public Listing list() throws IOException {
        Listing listing = delegate.list();
        List<LogObject> objects = new ArrayList<>(listing.objects());
        int last = positions[positions.length - 1];
        if (objects.size() <= last + 1) {
            throw new IllegalStateException("a gate at object " + last + " needs more than " + objects.size() + " objects");
        }
        for (int n = 0; n < positions.length; n++) {
            LogObject gated = objects.get(positions[n]);
            Gate gate = gates.get(n);
            objects.set(positions[n], new LogObject(gated.name(), gated.key(), gated.size(), () -> {
                gate.pass();
                return gated.open();
            }));
        }
        return new Listing(objects, listing.skipped());
    }

    @Override
    public String describe() {
        return delegate.describe() + " (gated)";
    }

    /** Where the load stops until the test {@link #open() opens} it. */
    public static final class Gate {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);

        /** True once the load stands at this gate (all objects before it have been handed to the readers). */
        public boolean awaitReached(long timeout, TimeUnit unit) throws InterruptedException {
            return reached.await(timeout, unit);
        }

        public void open() {
            opened.countDown();
        }

        private void pass() throws IOException {
            reached.countDown();
            try {
                opened.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted at the gate", e);
            }
        }
    }
}
