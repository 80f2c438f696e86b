package org.cloudtrailopensearch.loader.detections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SigmaRuleQueriesTest {

    @Test
    void theShippedRulesLoadFromTheDashboardsJar() {
        List<SigmaRuleQueries.SigmaRule> rules = SigmaRuleQueries.rules();
        assertTrue(rules.size() >= 10, "rules: " + rules.size());
        for (SigmaRuleQueries.SigmaRule rule : rules) {
            assertFalse(rule.query().isBlank(), rule.id());
            assertEquals(rule.query(), SigmaRuleQueries.queryString(rule).path("query_string").path("query").asText());
        }
        assertTrue(rules.stream().anyMatch(r -> r.id().equals("8ad1600d-e9dc-4251-b0ee-a65268f29add")), "root usage rule");
    }

    @Test
    void parseAcceptsNotesAsTextOrArrayAndRejectsIncompleteRules() {
        var rules = SigmaRuleQueries.parse("[{\"id\":\"x\",\"title\":\"t\",\"level\":\"low\",\"source\":\"s\",\"query\":\"a:b\","
                + "\"notes\":\"one\"},{\"id\":\"y\",\"title\":\"u\",\"level\":\"low\",\"source\":\"s\",\"query\":\"a:c\"}]");
        assertEquals(List.of("one"), rules.get(0).notes());
        assertEquals(List.of(), rules.get(1).notes());
        assertThrows(IllegalArgumentException.class,
                () -> SigmaRuleQueries.parse("[{\"id\":\"x\",\"title\":\"t\",\"level\":\"low\",\"source\":\"s\"}]"));
        assertThrows(IllegalArgumentException.class, () -> SigmaRuleQueries.parse("{}"));
    }
}
