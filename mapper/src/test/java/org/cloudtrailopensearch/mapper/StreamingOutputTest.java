package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.JSON;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.MAPPER;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.mapOk;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mapTo} (the indexing path: the document encoded into one byte array, cached objects copied in as
 * pre-serialised bytes, event.original escaped from the record's bytes) must write exactly what {@code map}
 * returns, on any generator, every time.
 */
class StreamingOutputTest {

    private static final CloudTrailMapper WITH_THREATS = CloudTrailMapper.builder()
            .clock(Clock.fixed(MapperTestSupport.CREATED, ZoneOffset.UTC)).environment("prod ü")
            .threatIndicators(ThreatIndicators.parse(List.of("81.2.69.160,feed \"ü\"", "81.2.69.0/24,feed 2",
                    "2a02:cf40::/32,v6", "10.1.2.3,private", "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 😀,agents",
                    "arn:aws:iam::123456789012:user/Zoë,arns"), "inline"))
            .build();

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
                        + "\"responseElements\":{\"nested\":[[1,[2,{\"a\":[]}]]]}"),
                // Request-parameter fields: arrays of longs and strings, a boolean, values needing escapes.
                record(IAM_USER, "\"requestParameters\":{\"groupId\":\"sg-1\",\"groupName\":\"Zoë \\\"web\\\"\","
                        + "\"egress\":\"TRUE\",\"ipPermissions\":{\"items\":[{\"fromPort\":22,\"toPort\":22,\"ipProtocol\":\"tcp\","
                        + "\"ipRanges\":{\"items\":[{\"cidrIp\":\"0.0.0.0/0\"}]}},{\"fromPort\":\"3389\",\"toPort\":9223372036854775807,"
                        + "\"ipProtocol\":\"tcp\",\"ipv6Ranges\":{\"items\":{\"cidrIpv6\":\"::/0\"}}}]}}")
                        .replace("s3.amazonaws.com", "ec2.amazonaws.com").replace("ListBuckets", "AuthorizeSecurityGroupIngress"));
    }

    /** With a threat feed and an environment: threat.enrichments (an array of objects) and labels, the same way. */
    @ParameterizedTest
    @MethodSource("records")
    void arraysOfObjectsAreWrittenAlikeToo(String record) throws IOException {
        assertSameOutput(WITH_THREATS, record);
        // Zoë's ARN and the addresses are listed: every record here has enrichments.
        assertTrue(mapOk(WITH_THREATS, record).at("/threat/enrichments").size() > 0, record);
    }

    @ParameterizedTest
    @MethodSource("records")
    void mapToWritesWhatMapReturns(String record) throws IOException {
        assertSameOutput(MAPPER, record);
    }

    private static void assertSameOutput(CloudTrailMapper mapper, String record) throws IOException {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        ObjectNode expected = mapOk(mapper, record);
        byte[] expectedBytes = JSON.writeValueAsBytes(expected);
        JsonNode reparsed = JSON.readTree(expectedBytes); // numbers as a parser types them (AS number: int, not long)

        for (int round = 0; round < 2; round++) { // the second round maps from the caches
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.getFactory().createGenerator(plain)) {
                assertInstanceOf(MappingResult.Mapped.class, mapper.mapTo(bytes, out));
            }
            assertEquals(new String(expectedBytes, StandardCharsets.UTF_8), plain.toString(StandardCharsets.UTF_8));

            ByteArrayOutputStream pretty = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.getFactory().createGenerator(pretty).useDefaultPrettyPrinter()) {
                mapper.mapTo(bytes, out);
            }
            assertEquals(reparsed, JSON.readTree(pretty.toByteArray()));

            // A UTF-8 generator that is not quite the default one: written field by field, the same bytes.
            ByteArrayOutputStream nonDefault = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.getFactory().createGenerator(nonDefault)) {
                out.disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature());
                mapper.mapTo(bytes, out);
            }
            assertEquals(new String(expectedBytes, StandardCharsets.UTF_8), nonDefault.toString(StandardCharsets.UTF_8));

            StringWriter chars = new StringWriter();
            try (JsonGenerator out = JSON.getFactory().createGenerator(chars)) {
                mapper.mapTo(bytes, out);
            }
            assertEquals(reparsed, JSON.readTree(chars.toString()));
        }
        assertEquals(expected, mapOk(mapper, record), "mapping again gives the same document (cached objects unchanged)");
    }
}
