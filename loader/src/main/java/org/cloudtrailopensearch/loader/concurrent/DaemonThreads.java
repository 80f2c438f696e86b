package org.cloudtrailopensearch.loader.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the loader's pools: daemon threads, so that a pool left running after a failure never keeps the JVM
 * alive, named {@code prefix-1}, {@code prefix-2}, ... so that a thread dump or a JFR recording tells the stages apart.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
