package org.cloudtrailopensearch.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked table {@code expected-categories.tsv}: for each event (eventSource, eventName) the
 * {@code event.category} and {@code event.type} the mapper must derive, so that a wrong category fails a test,
 * not only a missing one. Each row maps a minimal record of that event. A second test checks that every event
 * name the dashboards and monitors ({@code dashboards-ndjson}) key on has a row.
 */
class ExpectedCategoriesTest {

    private static final String TABLE = "/expected-categories.tsv";
    private static final CloudTrailMapper MAPPER = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false).build();

    record Row(int line, String eventSource, String eventName, List<String> categories, List<String> types) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ExpectedCategoriesTest.class.getResourceAsStream(TABLE)) {
            assertTrue(in != null, TABLE + " missing from the test resources");
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = lines[i].split("\t");
                assertEquals(4, columns.length, TABLE + " line " + (i + 1) + ": expected 4 tab-separated columns");
                rows.add(new Row(i + 1, columns[0], columns[1], list(columns[2]), list(columns[3])));
            }
        }
        return rows;
    }

    static Stream<Arguments> events() throws IOException {
        return rows().stream().map(row -> Arguments.of(row.eventSource() + " " + row.eventName(), row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventGetsItsExpectedCategoryAndType(String name, Row row) {
        String record = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"},"
                + "\"eventTime\":\"2024-05-01T12:00:00Z\",\"eventSource\":\"" + row.eventSource() + "\",\"eventName\":\""
                + row.eventName() + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.10\","
                + "\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":null,\"responseElements\":null,"
                + "\"eventID\":\"e-" + row.line() + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
        MappingResult.Mapped mapped = assertInstanceOf(MappingResult.Mapped.class, MAPPER.map(record));
        JsonNode event = mapped.document().path("event");
        String where = TABLE + " line " + row.line() + " (" + name + ")";
        assertEquals(row.categories(), strings(event.get("category")), where + ": event.category");
        assertEquals(row.types(), strings(event.get("type")), where + ": event.type");
    }

    @Test
    void everyEventTheDashboardsAndMonitorsKeyOnIsInTheTable() throws IOException {
        Path dashboards = MapperTestSupport.findAbove("dashboards-ndjson");
        assertTrue(dashboards != null, "dashboards-ndjson not found above " + Path.of("").toAbsolutePath());
        Set<String> keyedOn = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.list(dashboards.resolve("monitors")),
                Files.list(dashboards.resolve("src/main/dashboards")))) {
            files = walk.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            keyedOn.addAll(eventNamesIn(Files.readString(file, StandardCharsets.UTF_8)));
        }
        Set<String> listed = new TreeSet<>();
        rows().forEach(row -> listed.add(row.eventName()));
        Set<String> missing = new TreeSet<>(keyedOn);
        missing.removeAll(listed);
        System.out.printf("expected-categories.tsv: %d rows; the dashboards and monitors key on %d event names (%d files)%n",
                rows().size(), keyedOn.size(), files.size());
        assertTrue(keyedOn.size() >= 50, "too few event names found in the dashboards and monitors: " + keyedOn);
        assertEquals(Set.of(), missing, "event names the dashboards or monitors use, missing from " + TABLE);
    }

    private static final Pattern QUERY = Pattern.compile("event\\.action:(\\([^)]*\\)|[A-Za-z0-9*]+)");
    private static final Pattern TERM = Pattern.compile("\"event\\.action\"\\s*:\\s*(\\[[^\\]]*\\]|\"[^\"]*\")");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*]+");

    /** Concrete event names (no wildcards) in {@code event.action:...} queries and {@code "event.action": ...} terms. */
    static Set<String> eventNamesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (Pattern pattern : List.of(QUERY, TERM)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                Matcher name = NAME.matcher(matcher.group(1));
                while (name.find()) {
                    String value = name.group();
                    if (!value.contains("*") && !Set.of("OR", "AND", "NOT").contains(value)
                            && Character.isUpperCase(value.charAt(0))) {
                        names.add(value);
                    }
                }
            }
        }
        return names;
    }

    private static List<String> list(String commaSeparated) {
        String value = commaSeparated.strip();
        return value.equals("-") ? List.of() : List.of(value.split("\\s*,\\s*"));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
