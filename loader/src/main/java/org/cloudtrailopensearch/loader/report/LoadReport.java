package org.cloudtrailopensearch.loader.report;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cloudtrailopensearch.digest.IntegrityStatus;

/**
 * What one load run did. Every record read ends in exactly one place, so
 * {@code read == indexed + deadLettered + skipped} holds for a complete run ({@link #reconciles()}).
 *
 * @param objectsListed  objects the sources listed for loading
 * @param objectsLoaded  objects whose every record reached its end in this run
 * @param objectsSkipped objects not loaded, per reason ({@link ObjectSkipReason}, or a source's code for objects it
 *                       passed over while listing)
 * @param indexedCreated documents new to the cluster
 * @param indexedUpdated documents that replaced an earlier copy with the same id (a re-load)
 * @param deadLettered   records dead-lettered, per stage and reason
 * @param skipped        records read but deliberately not indexed, per reason
 * @param integrity      log objects per integrity verdict, judged on the bytes this run loaded (empty when off)
 */
public record LoadReport(Run run, long objectsListed, long objectsLoaded, Map<String, Long> objectsSkipped, long read,
        long indexedCreated, long indexedUpdated, Map<Stage, Map<String, Long>> deadLettered,
        Map<SkipReason, Long> skipped, Map<IntegrityStatus, Long> integrity, Duration elapsed) {

    /**
     * The run around the counts.
     *
     * @param source         what was loaded, for people
     * @param deadLetterFile the dead-letter file, when something was written to it
     * @param chains         the digest chains validated before the load (empty when integrity is off)
     * @param stoppedBecause why the run could not complete: what OpenSearch did until the retry limit (read after
     *                       "OpenSearch at URL"); null when it completed
     */
    public record Run(String source, String deadLetterFile, List<ChainResult> chains, String stoppedBecause) {
        public Run {
            chains = List.copyOf(chains);
        }

        public static Run of(String source) {
            return new Run(source, null, List.of(), null);
        }
    }

    public LoadReport {
        objectsSkipped = sorted(objectsSkipped);
        Map<Stage, Map<String, Long>> byStage = new TreeMap<>();
        deadLettered.forEach((stage, byReason) -> byStage.put(stage, sorted(byReason)));
        deadLettered = Collections.unmodifiableMap(byStage);
        skipped = sorted(skipped);
        integrity = sorted(integrity);
    }

    private static <K> Map<K, Long> sorted(Map<K, Long> counts) {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    /** Why the run could not complete, or null; see {@link Run#stoppedBecause()}. */
    public String stoppedBecause() {
        return run.stoppedBecause();
    }

    public long indexed() {
        return indexedCreated + indexedUpdated;
    }

    public long deadLetteredTotal() {
        return deadLettered.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Dead letters per reason over all stages (reason names are unique enough for people; stages keep them apart in {@link #deadLettered}). */
    public Map<String, Long> deadLetteredByReason() {
        return deadLettered.values().stream().flatMap(m -> m.entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long objectsSkippedTotal() {
        return objectsSkipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean reconciles() {
        return read == indexed() + deadLetteredTotal() + skippedTotal();
    }

    /** Records per second over the whole run. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : read / seconds;
    }

    /**
     * The documented exit code of a load: 0 everything indexed, 1 some records dead-lettered, 2 the run could not
     * complete or its counts do not add up.
     */
    public int exitCode() {
        if (stoppedBecause() != null || !reconciles()) {
            return 2;
        }
        return deadLetteredTotal() > 0 ? 1 : 0;
    }

    /** A few lines for people. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Loaded %s: %d objects listed, %d loaded, %d skipped%s; %d records read "
                        + "in %.1f s (%.0f records/s)%n", run.source(), objectsListed, objectsLoaded, objectsSkippedTotal(),
                breakdown(objectsSkipped), read, elapsed.toMillis() / 1000.0, recordsPerSecond()));
        text.append(String.format(Locale.ROOT, "  indexed:       %d (new %d, replaced %d)%n", indexed(), indexedCreated,
                indexedUpdated));
        String dead = deadLettered.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().code() + ": " + e.getValue().entrySet().stream()
                        .map(r -> r.getKey() + " " + r.getValue()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ", " (", ")"));
        text.append(String.format(Locale.ROOT, "  dead-lettered: %d%s%n", deadLetteredTotal(),
                deadLettered.isEmpty() ? "" : dead));
        text.append(String.format(Locale.ROOT, "  skipped:       %d%s%n", skippedTotal(), breakdown(skipped)));
        if (!run.chains().isEmpty()) {
            text.append(integrityText());
        }
        text.append(String.format(Locale.ROOT, "  counts reconcile (read = indexed + dead-lettered + skipped): %s%n",
                reconciles() ? "yes" : "NO"));
        if (run.deadLetterFile() != null) {
            text.append("  dead letters in ").append(run.deadLetterFile()).append(System.lineSeparator());
        }
        if (stoppedBecause() != null) {
            text.append("  incomplete: OpenSearch ").append(stoppedBecause()).append(System.lineSeparator());
        }
        return text.toString();
    }

    /**
     * The integrity verdict of the run, one line: the digest chains' checks plus the verdicts on the log files as
     * loaded (each judged by the hash of the bytes that were parsed and indexed).
     */
    public String integrityText() {
        long digestsValid = run.chains().stream().mapToLong(ChainResult::digestsValid).sum();
        long digestsTotal = run.chains().stream().mapToLong(ChainResult::digestsTotal).sum();
        long chainBreaks = run.chains().stream().mapToLong(ChainResult::chainBreaks).sum();
        long notFound = run.chains().stream().mapToLong(ChainResult::logFilesNotFound).sum();
        long valid = integrity.getOrDefault(IntegrityStatus.VALID, 0L);
        long invalid = integrity.getOrDefault(IntegrityStatus.INVALID, 0L);
        long digestInvalid = integrity.getOrDefault(IntegrityStatus.DIGEST_INVALID, 0L);
        long inNoDigest = integrity.getOrDefault(IntegrityStatus.NOT_IN_ANY_DIGEST, 0L);
        long notValidated = integrity.getOrDefault(IntegrityStatus.NOT_VALIDATED, 0L);
        boolean chainsValid = run.chains().stream().allMatch(chain -> chain.result().equals("VALID"));
        String result = chainsValid && invalid + digestInvalid + inNoDigest + notFound == 0 ? "VALID" : "INVALID";
        String sources = run.chains().stream().map(ChainResult::source).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "Integrity of %s: %s - %d/%d digests valid, %d/%d log files valid, %d invalid, "
                        + "%d digest invalid, %d not found, %d in no digest, %d not validated, %d chain breaks "
                        + "(log files judged by the hash of the bytes loaded)%n",
                sources, result, digestsValid, digestsTotal, valid, valid + invalid + digestInvalid + inNoDigest + notFound,
                invalid, digestInvalid, notFound, inNoDigest, notValidated, chainBreaks);
    }

    private static String breakdown(Map<?, Long> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        return byReason.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
