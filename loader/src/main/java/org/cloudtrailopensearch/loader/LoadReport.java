package org.cloudtrailopensearch.loader;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one load run did. Every record read ends in exactly one place, so
 * {@code read == indexed + deadLettered + skipped} holds for a complete run ({@link #reconciles()}).
 *
 * @param indexedCreated documents new to the cluster
 * @param indexedUpdated documents that replaced an earlier copy with the same id (a re-load)
 * @param objectsSkipped objects not read at all, by reason (not part of the record counts)
 */
public record LoadReport(String source, long objects, long read, long indexedCreated, long indexedUpdated,
        Map<String, Long> deadLettered, Map<String, Long> skipped, Map<String, Long> objectsSkipped,
        String deadLetterFile, Duration elapsed) {

    public long indexed() {
        return indexedCreated + indexedUpdated;
    }

    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
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

    /** The documented exit code of a load: 0 everything indexed, 1 some records dead-lettered, 2 counts do not add up. */
    public int exitCode() {
        if (!reconciles()) {
            return 2;
        }
        return deadLetteredTotal() > 0 ? 1 : 0;
    }

    /** A few lines for people. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Loaded %s: %d objects, %d records read in %.1f s%n", source, objects, read,
                elapsed.toMillis() / 1000.0));
        text.append(String.format("  indexed:       %d (new %d, replaced %d)%n", indexed(), indexedCreated,
                indexedUpdated));
        text.append(String.format("  dead-lettered: %d%s%n", deadLetteredTotal(), breakdown(deadLettered)));
        text.append(String.format("  skipped:       %d%s%n", skippedTotal(), breakdown(skipped)));
        text.append(String.format("  objects skipped (not read): %d%s%n", objectsSkippedTotal(),
                breakdown(objectsSkipped)));
        text.append(String.format("  counts reconcile (read = indexed + dead-lettered + skipped): %s%n",
                reconciles() ? "yes" : "NO"));
        if (deadLetterFile != null) {
            text.append("  dead letters in ").append(deadLetterFile).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String breakdown(Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        return byReason.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
