package org.cloudtrailopensearch.templates;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every field in Elastic's expected pipeline outputs (which the mapper reproduces) must land on a mapped
 * field of a compatible type, or under a flat_object. With {@code dynamic: false} an unmapped field would
 * be silently unsearchable, and an incompatible type would reject the whole document.
 */
class ConformanceDocumentsMappingTest {

    private static final String CONFORMANCE_DIR = "shared/conformance/elastic-cloudtrail";

    private final MergedMapping mapping = MergedMapping.ofIndexTemplate();
    private final Set<String> checkedPaths = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private int checkedValues;

    @Test
    void everyFieldOfEveryExpectedDocumentIsMappedWithACompatibleType() throws IOException {
        Path directory = findConformanceDirectory();
        assumeTrue(directory != null, "conformance fixtures not found: no " + CONFORMANCE_DIR
                + " above " + Path.of("").toAbsolutePath() + "; set -Dconformance.dir to run this check");
        List<Path> expectedFiles;
        try (Stream<Path> files = Files.list(directory)) {
            expectedFiles = files.filter(f -> f.getFileName().toString().endsWith("-expected.json")).sorted().toList();
        }
        assumeTrue(!expectedFiles.isEmpty(), "no *-expected.json files in " + directory);

        ObjectMapper json = new ObjectMapper();
        int documents = 0;
        for (Path file : expectedFiles) {
            for (JsonNode document : json.readTree(file.toFile()).path("expected")) {
                documents++;
                checkObject(file.getFileName() + ": ", "", document);
            }
        }
        System.out.printf("index-templates: checked %d distinct field paths (%d values) in %d documents from %d"
                + " expected files in %s%n", checkedPaths.size(), checkedValues, documents, expectedFiles.size(), directory);
        assertTrue(problems.isEmpty(), problems.size() + " field(s) not mapped compatibly:\n  "
                + String.join("\n  ", new TreeSet<>(problems)));
    }

    private void checkObject(String origin, String prefix, JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            check(origin, prefix + entry.getKey(), entry.getValue());
        }
    }

    private void check(String origin, String path, JsonNode value) {
        if (value.isArray()) {
            value.forEach(element -> check(origin, path, element));
            return;
        }
        if (mapping.flatObjectCovering(path).isPresent()) {
            record(path);
            return;
        }
        String type = mapping.typeOf(path);
        if (type != null) {
            record(path);
            if (value.isObject() && !type.equals("geo_point")) {
                problems.add(origin + path + ": object value, but mapped as " + type);
            } else if (!FieldValueCompatibility.accepts(type, value)) {
                problems.add(origin + path + ": " + value.getNodeType() + " " + abbreviate(value) + " cannot go into " + type);
            }
            return;
        }
        if (mapping.isObject(path)) {
            if (value.isObject()) {
                checkObject(origin, path + ".", value);
            } else {
                problems.add(origin + path + ": " + value.getNodeType() + " value, but mapped as an object");
            }
            return;
        }
        problems.add(origin + path + ": not mapped");
    }

    private void record(String path) {
        checkedPaths.add(path);
        checkedValues++;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static Path findConformanceDirectory() {
        String configured = System.getProperty("conformance.dir");
        if (configured != null) {
            return Files.isDirectory(Path.of(configured)) ? Path.of(configured) : null;
        }
        Path found = RepositoryFiles.findAbove(CONFORMANCE_DIR);
        return found != null && Files.isDirectory(found) ? found : null;
    }
}
