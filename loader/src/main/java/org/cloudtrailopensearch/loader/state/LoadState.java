package org.cloudtrailopensearch.loader.state;

import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * Which log objects earlier runs finished (every record indexed, dead-lettered or skipped), so that a run after a
 * crash redoes only the unfinished ones. Implementations are thread-safe.
 */
public interface LoadState extends AutoCloseable {

    /** Remembers nothing: every object is loaded. */
    static LoadState none() {
        return NoState.INSTANCE;
    }

    /** True when this very object (same name, size and version) was finished by an earlier run. */
    boolean isDone(LogObject object);

    /** Records that every record of {@code object} has reached its end; durable once this returns. */
    void markDone(LogObject object);

    @Override
    void close();

    /** See {@link #none()}. */
    enum NoState implements LoadState {
        INSTANCE;

        @Override
        public boolean isDone(LogObject object) {
            return false;
        }

        @Override
        public void markDone(LogObject object) {
        }

        @Override
        public void close() {
        }
    }
}
