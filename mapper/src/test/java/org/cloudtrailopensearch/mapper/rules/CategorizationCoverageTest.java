package org.cloudtrailopensearch.mapper.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures what share of a realistic mixed corpus gets an {@code event.category}, and on what basis (explicit
 * table, service+verb rule, or the generic "api" fallback). Prints the numbers; asserts the 95% floor.
 */
class CategorizationCoverageTest {

    @Test
    void atLeast95PercentOfARealisticCorpusIsCategorised() throws IOException {
        EventCategorizer categorizer = new EventCategorizer();
        Map<EventCategorizer.Basis, Long> byBasis = new EnumMap<>(EventCategorizer.Basis.class);
        long total = 0;
        int distinctNames = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/realistic-event-mix.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                long weight = Long.parseLong(columns[2]);
                EventCategorizer.Categorization result = categorizer.categorize(columns[0], columns[1]);
                byBasis.merge(result.basis(), weight, Long::sum);
                total += weight;
                distinctNames++;
            }
        }
        long categorised = total - byBasis.getOrDefault(EventCategorizer.Basis.NONE, 0L);
        long specific = byBasis.getOrDefault(EventCategorizer.Basis.TABLE, 0L) + byBasis.getOrDefault(EventCategorizer.Basis.RULE, 0L);
        System.out.printf("Categorisation coverage over %d records (%d distinct event names):%n", total, distinctNames);
        for (EventCategorizer.Basis basis : EventCategorizer.Basis.values()) {
            long count = byBasis.getOrDefault(basis, 0L);
            System.out.printf("  %-9s %6d  %5.1f%%%n", basis, count, 100.0 * count / total);
        }
        System.out.printf("  with a category: %.1f%%; with a specific (non-\"api\") category: %.1f%%%n",
                100.0 * categorised / total, 100.0 * specific / total);
        assertTrue(categorised * 100 >= total * 95, "coverage below 95%");
        assertTrue(specific * 100 >= total * 95, "specific coverage below 95%");
    }
}
