package org.cloudtrailopensearch.mapper.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cloudtrailopensearch.mapper.rules.TopField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Top-level fields read from the text must be the very nodes readTree + TopField.read give. */
class RecordParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordParser PARSER = new RecordParser(JSON);

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"eventVersion\":\"1.08\",\"eventName\":\"x\",\"eventName\":\"last wins\",\"unknown\":{\"a\":[1,{}]}}",
        "{\"requestParameters\":{\"n\":[1,-2147483649,9223372036854775808,1.5,-0.0,1e400,1E-400,12345678901234567890.5],"
                + "\"b\":[true,false,null],\"dup\":1,\"dup\":2,\"s\":\"é 😀 \\u0001 \\\"\"},\"readOnly\":true}",
        "{\"userIdentity\":{\"sessionContext\":{\"attributes\":{\"mfaAuthenticated\":\"false\"}}},\"resources\":[]}",
        "{}",
    })
    void readsTheNodesReadTreeBuilds(String record) throws IOException {
        assertSameFields(record.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryConformanceInputAsReadTreeDoes() throws IOException {
        Path dir = conformanceDirectory();
        Assumptions.assumeTrue(dir != null, "SKIPPED: ../shared/conformance not found above the checkout");
        List<byte[]> records = new ArrayList<>();
        if (dir != null) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            records.add(line.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        records.add(record("{\"type\":\"Root\"}", "\"requestParameters\":{\"x\":[1]}")
                .getBytes(StandardCharsets.UTF_8));
        for (byte[] record : records) {
            assertSameFields(record);
        }
        assertTrue(records.size() > 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "[1]", "\"text\"", "42", "null"})
    void leavesAnythingButAnObjectToReadTree(String text) throws IOException {
        assertNull(PARSER.topFields(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"eventName\":\"x\"", "{\"a\":[1,}", "{\"unknown\":\"\\q\"}", "{\"eventName\":\"x\",}"})
    void failsWhereReadTreeFails(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonProcessingException expected = assertThrows(JsonProcessingException.class, () -> JSON.readTree(bytes));
        JsonProcessingException actual = assertThrows(JsonProcessingException.class, () -> PARSER.topFields(bytes));
        assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage());
        assertEquals(expected.getLocation().getColumnNr(), actual.getLocation().getColumnNr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"-\"", "\"none\"", "null", "{}", "[]", "{\"a\":{\"b\":[1,\"\"]}}", "[[[]]]",
        "{\"a\":\"x\",\"b\":null}"})
    void marksTheFieldsThatCleaningChanges(String cleanable) throws IOException {
        String record = "{\"eventName\":\"n\",\"requestParameters\":" + cleanable + ",\"awsRegion\":\"r\","
                + "\"responseElements\":{\"kept\":[\"nonempty\",0,false]},\"requestParameters\":" + cleanable + "}";
        RecordParser.TopFields fields = assertSameFields(record.getBytes(StandardCharsets.UTF_8));
        assertEquals(1L << TopField.REQUEST_PARAMETERS.index(), fields.needCleaning());
    }

    @Test
    void aRepeatedFieldIsMarkedByItsLastValue() throws IOException {
        byte[] record = "{\"requestParameters\":null,\"requestParameters\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, assertSameFields(record).needCleaning());
    }

    /** Also: every field left unmarked is one the clean-up would leave as it is. */
    private static RecordParser.TopFields assertSameFields(byte[] record) throws IOException {
        JsonNode[] expected = TopField.read(JSON.readTree(record));
        RecordParser.TopFields fields = PARSER.topFields(record);
        JsonNode[] actual = fields.values();
        assertArrayEquals(expected, actual, () -> new String(record, StandardCharsets.UTF_8));
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != null) { // equal trees can still differ in node classes' text form: compare that too
                assertEquals(expected[i].toString(), actual[i].toString());
                if ((fields.needCleaning() & (1L << i)) == 0) {
                    assertSame(actual[i], JsonValues.clean(actual[i]), TopField.all()[i] + " needs cleaning");
                }
            }
        }
        return fields;
    }

    /** A minimal valid API-call record with the given userIdentity JSON and extra top-level fields. */
    private static String record(String userIdentity, String extraFields) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":" + userIdentity
                + ",\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\""
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
    }

    /** Elastic's fixtures beside the checkout ({@code shared/conformance/elastic-cloudtrail}), or null. */
    private static Path conformanceDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/elastic-cloudtrail");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
