package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.MAPPER;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.record;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.reject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Bad input the case files cannot hold (empty, too large for a limit, too deep, null) is rejected; nothing throws. */
class BadRecordTest {

    private static final String USER = "{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"userName\":\"alice\"}";

    /** The kinds of bad record are case files (cases/rejections.log); an empty input cannot be a line of one. */
    @Test
    void emptyInput() {
        assertEquals(RejectionReason.MALFORMED_JSON, reject("").reason());
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
