package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.CREATED;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input → expected case files in the style of Elastic's pipeline tests, under {@code src/test/resources/cases/}:
 * {@code <name>.log} holds CloudTrail records, one per line; {@code <name>.log-expected.json} holds
 * {@code {"expected": [...]}}, one object per line of input, each a <em>subset</em> of the document: every leaf
 * given must be in the document with exactly that value (arrays whole and in order, types exact), and a leaf given as
 * {@code null} must be absent. Keys may be dotted ({@code "event.action"}). An optional
 * {@code <name>.log-config.json} sets mapper options: {@code environment}, {@code threat_indicators} (a file
 * next to the case), {@code payload_retention}. An expected entry {@code {"rejected": {"reason": ..., "message": ...}}}
 * says the record must be rejected with that reason and exactly that message.
 *
 * <p>Every record is also mapped through the tree API and the streaming API, which must give the same document.
 */
class CaseFileTest {

    private static final Map<String, CloudTrailMapper> MAPPERS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() throws IOException {
        Path dir = casesDirectory();
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path input : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String name = input.getFileName().toString();
                List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
                JsonNode expected = JSON.readTree(dir.resolve(name + "-expected.json").toFile()).get("expected");
                assertEquals(lines.size(), expected.size(), name + ": one expected document per input line");
                for (int i = 0; i < lines.size(); i++) {
                    cases.add(Arguments.of(name + "#" + i, lines.get(i), expected.get(i)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void documentContainsTheExpectedFields(String caseName, String line, JsonNode expected) throws IOException {
        CloudTrailMapper mapper = mapperFor(caseName.substring(0, caseName.indexOf('#')));
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        MappingResult result = mapper.map(bytes);
        if (expected.has("rejected")) {
            assertRejected(caseName, line, expected.get("rejected"), mapper);
            return;
        }
        ObjectNode document = assertInstanceOf(MappingResult.Mapped.class, result, () -> caseName + ": " + result).document();

        // The same document from every API: tree in, streaming out.
        MappingResult fromTree = mapper.map(JSON.readTree(line));
        assertEquals(document, assertInstanceOf(MappingResult.Mapped.class, fromTree).document(), caseName + ": tree API");
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.getFactory().createGenerator(streamed)) {
            assertInstanceOf(MappingResult.Mapped.class, mapper.mapTo(bytes, out));
        }
        assertEquals(JSON.writeValueAsString(document), streamed.toString(StandardCharsets.UTF_8), caseName + ": mapTo");
        ByteArrayOutputStream fieldByField = new ByteArrayOutputStream(); // a generator the byte encoder does not fit
        try (JsonGenerator out = JSON.getFactory().createGenerator(fieldByField)) {
            out.disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature());
            mapper.mapTo(bytes, out);
        }
        assertEquals(streamed.toString(StandardCharsets.UTF_8), fieldByField.toString(StandardCharsets.UTF_8),
                caseName + ": mapTo, written field by field");

        JsonNode actual = JSON.readTree(streamed.toByteArray()); // numbers typed as a reader sees them
        List<String> problems = new ArrayList<>();
        expectedLeaves(expected).forEach((path, value) -> {
            JsonNode found = at(actual, path);
            if (value.isNull()) {
                if (found != null) {
                    problems.add(path + ": expected absent, got " + found);
                }
            } else if (found == null) {
                problems.add(path + ": expected " + value + ", absent");
            } else if (!value.equals(found)) {
                problems.add(path + ": expected " + value + ", got " + found);
            }
        });
        assertTrue(problems.isEmpty(), caseName + ":\n  " + String.join("\n  ", problems) + "\ndocument: " + actual);
    }

    private static void assertRejected(String caseName, String line, JsonNode expected, CloudTrailMapper mapper)
            throws IOException {
        for (MappingResult result : List.of(mapper.map(line.getBytes(StandardCharsets.UTF_8)), mapper.map(JSON.readTree(line)))) {
            MappingResult.Rejected rejected = assertInstanceOf(MappingResult.Rejected.class, result, () -> caseName + ": " + result);
            assertEquals(expected.get("reason").asText(), rejected.reason().name(), caseName + ": " + rejected.message());
            assertEquals(expected.get("message").asText(), rejected.message(), caseName);
        }
    }

    @Test
    void theCasesCoverEveryRequestFieldAndTheThreatFields() throws IOException {
        List<String> covered = new ArrayList<>();
        try (Stream<Path> files = Files.list(casesDirectory())) {
            for (Path file : files.filter(f -> f.toString().endsWith("-expected.json")).toList()) {
                for (JsonNode doc : JSON.readTree(file.toFile()).get("expected")) {
                    expectedLeaves(doc).forEach((path, value) -> {
                        if (!value.isNull()) {
                            covered.add(path);
                        }
                    });
                }
            }
        }
        List<String> missing = new RequestFields().allFields().stream().map(RequestFields.Field::name)
                .filter(field -> !covered.contains(field)).toList();
        assertEquals(List.of(), missing, "request fields without a case that expects a value");
        assertTrue(covered.contains("threat.enrichments"), "threat cases");
        assertTrue(covered.contains("labels.environment"), "environment cases");
    }

    private static CloudTrailMapper mapperFor(String caseFile) {
        return MAPPERS.computeIfAbsent(caseFile, name -> {
            CloudTrailMapper.Builder builder = CloudTrailMapper.builder().clock(Clock.fixed(CREATED, ZoneOffset.UTC));
            Path config = casesDirectory().resolve(name + "-config.json");
            if (Files.exists(config)) {
                try {
                    JsonNode options = JSON.readTree(config.toFile());
                    for (Map.Entry<String, JsonNode> option : options.properties()) {
                        String value = option.getValue().asText();
                        switch (option.getKey()) {
                            case "environment" -> builder.environment(value);
                            case "threat_indicators" -> builder.threatIndicatorsFile(casesDirectory().resolve(value));
                            case "payload_retention" -> builder.payloadRetention(
                                    PayloadRetention.valueOf(value.toUpperCase(Locale.ROOT)));
                            default -> throw new IllegalArgumentException(config + ": unknown option " + option.getKey());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return builder.build();
        });
    }

    /** Dotted path → expected value; objects are walked, arrays and nulls are leaves. */
    private static Map<String, JsonNode> expectedLeaves(JsonNode expected) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect("", expected, leaves);
        return leaves;
    }

    private static void collect(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject()) {
            node.properties().forEach(field ->
                    collect(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into));
        } else {
            into.put(prefix, node);
        }
    }

    /** The value at a dotted path of the document, or null when absent. */
    private static JsonNode at(JsonNode document, String dottedPath) {
        JsonNode node = document;
        for (String step : dottedPath.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(step);
        }
        return node;
    }

    static Path casesDirectory() {
        try {
            return Path.of(CaseFileTest.class.getResource("/cases").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
