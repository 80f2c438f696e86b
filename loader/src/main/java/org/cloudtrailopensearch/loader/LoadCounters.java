package org.cloudtrailopensearch.loader;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe tallies of one load run; {@link #snapshot} turns them into a {@link LoadReport}. */
public final class LoadCounters {

    private final LongAdder objects = new LongAdder();
    private final LongAdder read = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> objectsSkipped = new ConcurrentHashMap<>();

    public void objectOpened() {
        objects.increment();
    }

    /** A record, or a read failure that stands for the unreadable rest of an object. */
    public void read() {
        read.increment();
    }

    public void created() {
        created.increment();
    }

    public void updated() {
        updated.increment();
    }

    public void deadLettered(String reason) {
        deadLettered.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public void skipped(String reason) {
        skipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** An object not read at all (already loaded, a digest signature sidecar, an empty file ...). */
    public void objectSkipped(String reason) {
        objectsSkipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public LoadReport snapshot(String source, String deadLetterFile, java.time.Duration elapsed) {
        return new LoadReport(source, objects.sum(), read.sum(), created.sum(), updated.sum(),
                sums(deadLettered), sums(skipped), sums(objectsSkipped), deadLetterFile, elapsed);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((reason, adder) -> sums.put(reason, adder.sum()));
        return sums;
    }
}
