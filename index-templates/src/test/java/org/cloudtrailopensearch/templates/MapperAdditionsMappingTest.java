package org.cloudtrailopensearch.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fields the mapper adds beyond Elastic's layout (request-parameter fields from the mapper's
 * {@code request-fields.tsv}, {@code labels.environment}, {@code threat.enrichments.*}) are mapped, with the type
 * the mapper writes and as aggregatable fields: dashboards and monitors group by them. The mapper module is found
 * next to this one (as the conformance fixtures are found above it); without it the file checks are skipped with
 * a visible message.
 */
class MapperAdditionsMappingTest {

    private static final String REQUEST_FIELDS = "mapper/src/main/resources/org/cloudtrailopensearch/mapper/request-fields.tsv";
    private static final String CASES = "mapper/src/test/resources/cases";
    private static final Set<String> AGGREGATABLE_TYPES = Set.of("keyword", "long", "boolean");

    private final MergedMapping mapping = MergedMapping.ofIndexTemplate();

    @Test
    void threatEnrichmentsAndLabelsAreMappedForAggregation() {
        assertEquals("keyword", mapping.typeOf("labels.environment"));
        for (String leaf : List.of("indicator.type", "indicator.name", "indicator.provider", "matched.atomic",
                "matched.field", "matched.type")) {
            assertEquals("keyword", mapping.typeOf("threat.enrichments." + leaf), leaf);
        }
        // An array of objects mapped "nested" would be invisible to ordinary terms aggregations and filters.
        JsonNode ecs = CloudTrailIndexTemplates.componentTemplates().stream()
                .filter(c -> c.name().equals("cloudtrail-ecs")).map(c -> TemplateResources.parse(c.json(), c.name()))
                .findFirst().orElseThrow();
        JsonNode enrichments = ecs.at("/template/mappings/properties/threat/properties/enrichments");
        assertEquals("object", enrichments.path("type").asText());
    }

    @Test
    void everyRequestFieldIsMappedWithTheTypeTheMapperWrites() throws IOException {
        Path table = RepositoryFiles.findAbove(REQUEST_FIELDS);
        assertTrue(table != null, REQUEST_FIELDS + " not found above " + Path.of("").toAbsolutePath());
        List<String> problems = new ArrayList<>();
        Set<String> fields = new TreeSet<>();
        for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            String field = columns[0];
            String type = mapping.typeOf(field);
            if (!columns[1].equals(type)) {
                problems.add(field + ": the mapper writes " + columns[1] + ", mapped as " + type);
            } else if (!AGGREGATABLE_TYPES.contains(type)) {
                problems.add(field + ": " + type + " cannot be aggregated");
            }
            fields.add(field);
        }
        System.out.printf("index-templates: %d request-parameter fields of the mapper are mapped%n", fields.size());
        assertTrue(fields.size() >= 30, "too few request fields read: " + fields);
        assertEquals(List.of(), problems);
    }

    /** Every value the mapper's case files expect goes into a mapped field of a compatible type. */
    @Test
    void everyFieldTheMapperCasesExpectIsMappedCompatibly() throws IOException {
        Path cases = RepositoryFiles.findAbove(CASES);
        assertTrue(cases != null, CASES + " not found above " + Path.of("").toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(cases)) {
            files = list.filter(f -> f.getFileName().toString().endsWith("-expected.json")).sorted().toList();
        }
        for (Path file : files) {
            for (JsonNode document : json.readTree(file.toFile()).path("expected")) {
                if (document.has("rejected") && document.size() == 1) {
                    continue; // a case that expects the record to be rejected has no document to map
                }
                check(file.getFileName() + ": ", "", document, problems, checked);
            }
        }
        System.out.printf("index-templates: %d field paths of the mapper's %d case files are mapped%n",
                checked.size(), files.size());
        assertTrue(checked.contains("threat.enrichments.matched.atomic") && checked.contains("aws.ec2.rule.cidr"),
                "the cases should cover the additions: " + checked);
        assertEquals(List.of(), problems);
    }

    private void check(String origin, String prefix, JsonNode object, List<String> problems, Set<String> checked) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String path = prefix + entry.getKey(); // case files may use dotted keys
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue; // "must be absent"
            }
            List<JsonNode> values = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(values::add);
            } else {
                values.add(value);
            }
            for (JsonNode element : values) {
                if (mapping.flatObjectCovering(path).isPresent()) {
                    checked.add(path);
                } else if (element.isObject()) {
                    if (mapping.isObject(path)) {
                        check(origin, path + ".", element, problems, checked);
                    } else {
                        problems.add(origin + path + ": object value, but not mapped as an object");
                    }
                } else {
                    String type = mapping.typeOf(path);
                    checked.add(path);
                    if (type == null) {
                        problems.add(origin + path + ": not mapped");
                    } else if (!FieldValueCompatibility.accepts(type, element)) {
                        problems.add(origin + path + ": " + element + " cannot go into " + type);
                    }
                }
            }
        }
    }
}
