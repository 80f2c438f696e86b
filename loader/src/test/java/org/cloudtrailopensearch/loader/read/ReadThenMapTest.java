package org.cloudtrailopensearch.loader.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cloudtrailopensearch.loader.map.RecordMapping;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RecordContext;
import org.cloudtrailopensearch.mapper.RejectionReason;
import org.junit.jupiter.api.Test;

/**
 * The reader passes records on unparsed; the mapper's parse is what rejects a framed record that is not well-formed.
 * These check that the pair dead-letters exactly the bad record, with a reason, and never blows up.
 */
class ReadThenMapTest {

    private static final CloudTrailMapper MAPPER = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false).build();
    private static final String GOOD = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-05-01T10:00:00Z\","
            + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"eventID\":\"%s\"}";

    @Test
    void invalidUtf8IsAMalformedRecordAndOnlyThatOne() {
        byte[] bad = String.format(GOOD, "bad-\u0000").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] == 0) {
                bad[i] = (byte) 0xc3; // a lead byte followed by '"' instead of a continuation byte
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(("{\"Records\":[" + String.format(GOOD, "one") + ",").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(bad);
        file.writeBytes(("," + String.format(GOOD, "three") + "]}").getBytes(StandardCharsets.UTF_8));

        List<MappingResult> results = readAndMap(file.toByteArray(), 1 << 20);

        assertEquals(3, results.size());
        assertInstanceOf(MappingResult.Encoded.class, results.get(0));
        MappingResult.Rejected rejected = assertInstanceOf(MappingResult.Rejected.class, results.get(1));
        assertEquals(RejectionReason.MALFORMED_JSON, rejected.reason());
        assertTrue(rejected.message().contains("UTF-8"), rejected.message());
        assertInstanceOf(MappingResult.Encoded.class, results.get(2));
    }

    @Test
    void tenThousandDeepNestingIsRejectedWithoutAStackOverflow() {
        String deep = String.format(GOOD, "deep").replace("}", ",\"requestParameters\":" + "{\"a\":".repeat(10_000)
                + "1" + "}".repeat(10_000) + "}");

        List<MappingResult> results = readAndMap(("{\"Records\":[" + deep + "," + String.format(GOOD, "next") + "]}")
                .getBytes(StandardCharsets.UTF_8), 1 << 20);

        MappingResult.Rejected rejected = assertInstanceOf(MappingResult.Rejected.class, results.get(0));
        assertEquals(RejectionReason.MALFORMED_JSON, rejected.reason());
        assertTrue(rejected.message().contains("nesting depth"), rejected.message());
        assertInstanceOf(MappingResult.Encoded.class, results.get(1));
    }

    @Test
    void anOversizeRecordIsTooLargeAndTheNextOneMaps() {
        String huge = String.format(GOOD, "huge").replace("}", ",\"requestParameters\":{\"blob\":\"" + "x".repeat(5 << 20) + "\"}}");

        List<MappingResult> results = readAndMap(("{\"Records\":[" + huge + "," + String.format(GOOD, "next") + "]}")
                .getBytes(StandardCharsets.UTF_8), 1 << 20);

        assertEquals(RejectionReason.TOO_LARGE, assertInstanceOf(MappingResult.Rejected.class, results.get(0)).reason());
        assertInstanceOf(MappingResult.Encoded.class, results.get(1));
    }

    private static List<MappingResult> readAndMap(byte[] file, int maxRecordBytes) {
        List<MappingResult> results = new ArrayList<>();
        new CloudTrailFileReader(maxRecordBytes).read("f.json", () -> new ByteArrayInputStream(file), new RecordVisitor() {
            @Override
            public void onRecord(SourceRecord record) {
                results.add(RecordMapping.encode(MAPPER, record, RecordContext.of(record.source())));
            }

            @Override
            public void onFailure(ReadFailure failure) {
                throw new AssertionError(failure.toString());
            }
        });
        return results;
    }
}
