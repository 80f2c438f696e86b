package org.cloudtrailopensearch.loader.report;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.loader.index.IndexFailure;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.mapper.RejectionReason;

/**
 * Thread-safe tallies of one load run, updated by readers, mapping workers and the sink's client threads;
 * {@link #snapshot} turns them into a {@link LoadReport}, {@link #progress} into what a progress display shows.
 */
public final class LoadCounters {

    private final LongAdder objectsListed = new LongAdder();
    /** Part of {@code objectsSkipped}, but never listed: progress counts only listed objects as done. */
    private final LongAdder objectsPassedOver = new LongAdder();
    private final LongAdder bytesListed = new LongAdder();
    private final LongAdder objectsLoaded = new LongAdder();
    private final LongAdder bytesDone = new LongAdder();
    private final Map<String, LongAdder> objectsSkipped = new ConcurrentHashMap<>();
    private final LongAdder read = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final Map<Stage, Map<String, LongAdder>> deadLettered = new EnumMap<>(Stage.class);
    private final Map<SkipReason, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<IntegrityStatus, LongAdder> verdicts = new ConcurrentHashMap<>();

    public LoadCounters() {
        for (Stage stage : Stage.values()) {
            deadLettered.put(stage, new ConcurrentHashMap<>());
        }
    }

    /** An object the run is to load, with its stored size (for the progress estimate). */
    public void listed(long storedBytes) {
        objectsListed.increment();
        bytesListed.add(Math.max(0, storedBytes));
    }

    /** Every record of a listed object reached its end. */
    public void objectLoaded(long storedBytes) {
        objectsLoaded.increment();
        bytesDone.add(Math.max(0, storedBytes));
    }

    /** A listed object this run did not load ({@link ObjectSkipReason} or a source's own code). */
    public void objectSkipped(String reason, long storedBytes) {
        objectsSkipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
        bytesDone.add(Math.max(0, storedBytes));
    }

    /** An object a source passed over while listing; it never counted as listed for loading. */
    public void objectPassedOver(String reason) {
        objectsPassedOver.increment();
        objectsSkipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A record, or a read failure that stands for a damaged record or the unreadable rest of an object. */
    public void read() {
        read.increment();
    }

    public void indexed(boolean created) {
        (created ? this.created : updated).increment();
    }

    public void deadLettered(ReadFailure.Reason reason) {
        deadLettered(Stage.READ, reason.name());
    }

    public void deadLettered(RejectionReason reason) {
        deadLettered(Stage.MAP, reason.name());
    }

    public void deadLettered(IndexFailure reason) {
        deadLettered(Stage.INDEX, reason.name());
    }

    private void deadLettered(Stage stage, String reason) {
        deadLettered.get(stage).computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public long deadLetteredFor(IndexFailure reason) {
        LongAdder count = deadLettered.get(Stage.INDEX).get(reason.name());
        return count == null ? 0 : count.sum();
    }

    public void skipped(SkipReason reason) {
        skipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** The integrity verdict on one log object, from the hash of the very bytes that were loaded. */
    public void verdict(IntegrityStatus status) {
        verdicts.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** What a progress display shows; cheap enough to call every few hundred milliseconds. */
    public Progress progress() {
        long dead = 0;
        for (Map<String, LongAdder> byReason : deadLettered.values()) {
            dead += total(byReason);
        }
        long objectsSkippedNow = total(objectsSkipped) - objectsPassedOver.sum();
        return new Progress(objectsListed.sum(), objectsLoaded.sum() + objectsSkippedNow, bytesListed.sum(),
                bytesDone.sum(), read.sum(), created.sum() + updated.sum(), dead, total(skipped));
    }

    /**
     * @param objectsDone objects loaded or skipped so far
     * @param bytesDone   their stored bytes, out of {@code bytesListed}
     */
    public record Progress(long objectsListed, long objectsDone, long bytesListed, long bytesDone, long read,
            long indexed, long deadLettered, long skipped) {
    }

    public LoadReport snapshot(LoadReport.Run run, Duration elapsed) {
        Map<Stage, Map<String, Long>> dead = new EnumMap<>(Stage.class);
        deadLettered.forEach((stage, byReason) -> {
            if (!byReason.isEmpty()) {
                dead.put(stage, sums(byReason));
            }
        });
        return new LoadReport(run, objectsListed.sum(), objectsLoaded.sum(), sums(objectsSkipped), read.sum(),
                created.sum(), updated.sum(), dead, sums(skipped), sums(verdicts), elapsed);
    }

    private static long total(Map<?, LongAdder> counters) {
        return counters.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> counters) {
        Map<K, Long> sums = new TreeMap<>();
        counters.forEach((reason, adder) -> sums.put(reason, adder.sum()));
        return sums;
    }
}
