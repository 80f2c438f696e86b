package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.MAPPER;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.record;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.reject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Every kind of bad record is rejected with a typed reason naming the path; nothing throws. */
class BadRecordTest {

    private static final String USER = "{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"userName\":\"alice\"}";

    @Test
    void malformedJson() {
        MappingResult.Rejected rejected = reject("{\"eventVersion\":\"1.08\",");
        assertEquals(RejectionReason.MALFORMED_JSON, rejected.reason());
        assertTrue(rejected.message().contains("line 1"), rejected.message());
        assertEquals(RejectionReason.MALFORMED_JSON, reject("").reason());
    }

    @Test
    void notCloudTrail() {
        assertEquals(RejectionReason.NOT_CLOUDTRAIL, reject("[1,2]").reason());
        assertEquals(RejectionReason.NOT_CLOUDTRAIL, reject("\"text\"").reason());
        MappingResult.Rejected other = reject("{\"level\":\"info\",\"msg\":\"hello\"}");
        assertEquals(RejectionReason.NOT_CLOUDTRAIL, other.reason());
        assertTrue(other.message().startsWith("$"), other.message());
    }

    @Test
    void missingEventTime() {
        MappingResult.Rejected rejected = reject(record(USER, "").replace("\"eventTime\":\"2024-05-01T10:00:00Z\",", ""));
        assertEquals(RejectionReason.MISSING_EVENT_TIME, rejected.reason());
        assertTrue(rejected.message().startsWith("eventTime"), rejected.message());
    }

    @Test
    void invalidEventTime() {
        MappingResult.Rejected rejected = reject(record(USER, "").replace("2024-05-01T10:00:00Z", "yesterday"));
        assertEquals(RejectionReason.INVALID_EVENT_TIME, rejected.reason());
    }

    @Test
    void wrongTypeNamesThePath() {
        MappingResult.Rejected identity = reject(record("\"alice\"", ""));
        assertEquals(RejectionReason.WRONG_TYPE, identity.reason());
        assertEquals("userIdentity: expected an object, found string", identity.message());
        MappingResult.Rejected nested = reject(record("{\"type\":\"AssumedRole\",\"sessionContext\":{\"sessionIssuer\":[1]}}", ""));
        assertEquals("userIdentity.sessionContext.sessionIssuer: expected an object, found array", nested.message());
        MappingResult.Rejected scalar = reject(record(USER, "").replace("\"eu-west-1\"", "{\"r\":1}"));
        assertEquals("awsRegion: expected a string, found object", scalar.message());
        MappingResult.Rejected time = reject(record(USER, "").replace("\"2024-05-01T10:00:00Z\"", "1714557600"));
        assertEquals("eventTime: expected a string, found number", time.message());
    }

    @Test
    void tooLarge() {
        CloudTrailMapper small = CloudTrailMapper.builder().geoIp(false).maxRecordBytes(100).build();
        MappingResult result = small.map(record(USER, ""));
        assertEquals(RejectionReason.TOO_LARGE, assertInstanceOf(MappingResult.Rejected.class, result).reason());
    }

    @Test
    void unexpectedFailuresBecomeRejections() {
        // A tree too deep to walk recursively: the mapper must answer, not blow up.
        ObjectNode record = (ObjectNode) MapperTestSupport.JSON.valueToTree(
                MapperTestSupport.JSON.convertValue(MapperTestSupport.JSON.createObjectNode()
                        .put("eventVersion", "1.08").put("eventTime", "2024-05-01T10:00:00Z").put("eventName", "X"), Object.class));
        ArrayNode deep = JsonNodeFactory.instance.arrayNode();
        record.set("requestParameters", deep);
        for (int i = 0; i < 200_000; i++) {
            ArrayNode next = JsonNodeFactory.instance.arrayNode();
            deep.add(next);
            deep = next;
        }
        deep.add("leaf");
        MappingResult result = MAPPER.map(record);
        MappingResult.Rejected rejected = assertInstanceOf(MappingResult.Rejected.class, result);
        assertEquals(RejectionReason.INTERNAL_ERROR, rejected.reason());
    }

    @Test
    void nullInputs() {
        assertEquals(RejectionReason.NOT_CLOUDTRAIL,
                assertInstanceOf(MappingResult.Rejected.class, MAPPER.map((com.fasterxml.jackson.databind.JsonNode) null)).reason());
    }
}
