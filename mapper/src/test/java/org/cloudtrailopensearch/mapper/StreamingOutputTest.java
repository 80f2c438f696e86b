package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.JSON;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.MAPPER;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.mapOk;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mapTo} (the indexing path: the document encoded into one byte array, cached objects copied in as
 * pre-serialised bytes, event.original escaped from the record's bytes) must write exactly what {@code map}
 * returns, on any generator, every time.
 */
class StreamingOutputTest {

    private static final String IAM_USER = "{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
            + "\"arn\":\"arn:aws:iam::123456789012:user/Zoë\",\"accountId\":\"123456789012\",\"userName\":\"Zoë\"}";

    static List<String> records() {
        return List.of(
                record(IAM_USER, "\"sourceIPAddress\":\"81.2.69.160\",\"userAgent\":\"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 😀\""),
                record(IAM_USER, "\"sourceIPAddress\":\"2a02:cf40::1\",\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\""),
                record(IAM_USER, "\"sourceIPAddress\":\"10.1.2.3\",\"userAgent\":\"" + "x".repeat(1500) + "\""),
                record(IAM_USER, "\"sourceIPAddress\":\"ec2.amazonaws.com\",\"requestParameters\":{\"userName\":\"bob\","
                        + "\"tags\":[{\"key\":\"a\\\"b\",\"value\":\"tab\\there\"}],\"empty\":\"\"}"),
                "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventSource\":\"s3.amazonaws.com\","
                        + "\n \"eventName\":\"GetObject\",\"sourceIPAddress\":\"81.2.69.160\"}\n",
                // Values the document encoder hands to a Jackson generator: escapes, non-ASCII, unusual numbers.
                record(IAM_USER, "\"requestParameters\":{\"ctl\":\"a\\u0001b\\u001f\",\"k\\\"ey\\\\\":\"v\","
                        + "\"Zoë 日本\":\"😀 x\",\"lone\":\"\\ud800z\",\"numbers\":[1.5,-2.0E-7,1e300,12345678901234567890,-3,"
                        + "9223372036854775807,true,false,null,{}]},\"errorMessage\":\"tab\\there \\\"q\\\" \\\\ é\","
                        + "\"responseElements\":{\"nested\":[[1,[2,{\"a\":[]}]]]}"));
    }

    @ParameterizedTest
    @MethodSource("records")
    void mapToWritesWhatMapReturns(String record) throws IOException {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        ObjectNode expected = mapOk(record);
        byte[] expectedBytes = JSON.writeValueAsBytes(expected);
        JsonNode reparsed = JSON.readTree(expectedBytes); // numbers as a parser types them (AS number: int, not long)

        for (int round = 0; round < 2; round++) { // the second round maps from the caches
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.getFactory().createGenerator(plain)) {
                assertInstanceOf(MappingResult.Mapped.class, MAPPER.mapTo(bytes, out));
            }
            assertEquals(new String(expectedBytes, StandardCharsets.UTF_8), plain.toString(StandardCharsets.UTF_8));

            ByteArrayOutputStream pretty = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.getFactory().createGenerator(pretty).useDefaultPrettyPrinter()) {
                MAPPER.mapTo(bytes, out);
            }
            assertEquals(reparsed, JSON.readTree(pretty.toByteArray()));

            // A UTF-8 generator that is not quite the default one: written field by field, the same bytes.
            ByteArrayOutputStream nonDefault = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.getFactory().createGenerator(nonDefault)) {
                out.disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature());
                MAPPER.mapTo(bytes, out);
            }
            assertEquals(new String(expectedBytes, StandardCharsets.UTF_8), nonDefault.toString(StandardCharsets.UTF_8));

            StringWriter chars = new StringWriter();
            try (JsonGenerator out = JSON.getFactory().createGenerator(chars)) {
                MAPPER.mapTo(bytes, out);
            }
            assertEquals(reparsed, JSON.readTree(chars.toString()));
        }
        assertEquals(expected, mapOk(record), "mapping again gives the same document (cached objects unchanged)");
    }
}
