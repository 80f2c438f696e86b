package org.cloudtrailopensearch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code security-analytics/sigma-rules.json}: every translated rule is complete, unique, syntactically sane
 * Lucene, and uses only fields the index template maps (Security Analytics alias names or ECS fields).
 */
class SigmaRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RULES = Path.of("security-analytics/sigma-rules.json");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern FIELD = Pattern.compile("([A-Za-z@_][\\w.@]*):");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Set<String> SEARCHABLE = Set.of("keyword", "boolean", "date", "ip", "long", "text",
            "match_only_text", "wildcard", "constant_keyword");

    @Test
    void everyRuleIsCompleteAndUnique() throws IOException {
        JsonNode rules = JSON.readTree(Files.readString(RULES));
        assertTrue(rules.isArray() && rules.size() >= 10, "expected the translated rule set");
        Set<String> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        Set<String> queries = new HashSet<>();
        for (JsonNode rule : rules) {
            String id = rule.path("id").asText();
            assertTrue(UUID.matcher(id).matches(), "rule id is a Sigma UUID: " + id);
            assertTrue(ids.add(id), "duplicate id " + id);
            assertTrue(titles.add(rule.path("title").asText()), id + ": duplicate title");
            assertFalse(rule.path("title").asText().isBlank(), id + ": title");
            assertTrue(LEVELS.contains(rule.path("level").asText()), id + ": level " + rule.path("level"));
            String source = rule.path("source").asText();
            assertTrue(source.contains("opensearch-project/security-analytics") && source.contains(".yml"),
                    id + ": source names the Security Analytics rule file: " + source);
            assertTrue(Pattern.compile("[0-9a-f]{40}").matcher(source).find(), id + ": source names the commit read");
            String query = rule.path("query").asText();
            assertFalse(query.isBlank(), id + ": query");
            assertTrue(queries.add(query), id + ": same query as another rule");
            assertTrue(rule.path("notes").isArray(), id + ": notes is an array (may be empty)");
            assertBalanced(id, query);
        }
    }

    @Test
    void everyQueriedFieldIsMappedAndSearchable() throws IOException {
        TemplateFields template = TemplateFields.ofIndexTemplate();
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : JSON.readTree(Files.readString(RULES))) {
            Set<String> fields = fields(rule.path("query").asText());
            assertFalse(fields.isEmpty(), rule.path("id").asText() + ": query names no field");
            for (String field : fields) {
                String type = template.type(field).orElse(null);
                if (type == null || !SEARCHABLE.contains(type) || !template.indexed(field)) {
                    problems.add(rule.path("id").asText() + ": " + field + " (" + type + ")");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theJarCarriesTheRules() throws IOException {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(
                DashboardAssets.ROOT + "security-analytics/sigma-rules.json")) {
            assertNotNull(in, "sigma-rules.json is packaged");
            assertEquals(JSON.readTree(Files.readString(RULES)), JSON.readTree(in));
        }
    }

    /** Field names before a colon, outside quoted values. */
    static Set<String> fields(String query) {
        Set<String> fields = new LinkedHashSet<>();
        Matcher matcher = FIELD.matcher(QUOTED.matcher(query).replaceAll("\"\""));
        while (matcher.find()) {
            fields.add(matcher.group(1));
        }
        return fields;
    }

    private static void assertBalanced(String id, String query) {
        String unquoted = QUOTED.matcher(query).replaceAll("\"\"");
        assertEquals(0, unquoted.replace("\"\"", "").chars().filter(c -> c == '"').count(), id + ": unbalanced quotes");
        int depth = 0;
        for (char c : unquoted.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            assertTrue(depth >= 0, id + ": ')' before '('");
        }
        assertEquals(0, depth, id + ": unbalanced parentheses");
        assertFalse(unquoted.matches(".*\\b(and|or|not)\\b.*"), id + ": lower-case boolean operators are terms in Lucene");
    }
}
