package org.cloudtrailopensearch.loader.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CloudTrailFileReaderTest {

    private final CloudTrailFileReader reader = new CloudTrailFileReader(64);

    @Test
    void readsEachRecordOfARecordsArrayAndIgnoresOtherEnvelopeFields() {
        Collected collected = read("{ \"Records\" : [ {\"a\":1}, {\"b\":[2,3]} ], \"other\": {\"x\": 1} }", false);

        assertEquals(List.of("{\"a\":1}", "{\"b\":[2,3]}"), collected.texts());
        assertEquals(List.of(0L, 1L), collected.indices());
        assertTrue(collected.failures.isEmpty());
    }

    @Test
    void detectsGzipByItsMagicBytesNotByTheName() {
        Collected collected = read("{\"Records\":[{\"a\":1}]}", true);

        assertEquals(List.of("{\"a\":1}"), collected.texts());
    }

    @Test
    void readsOneRecordPerLineSkippingBlankLinesAndKeepingLineNumbers() {
        Collected collected = read("{\"a\":1}\r\n\n  \n{\"b\":2}\n", false);

        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), collected.texts());
        assertEquals(List.of(0L, 3L), collected.indices());
    }

    @Test
    void marksARecordLargerThanTheLimitAsTruncatedWithoutHoldingAllOfIt() {
        String big = "{\"blob\":\"" + "x".repeat(500) + "\"}";
        Collected collected = read("{\"Records\":[" + big + ",{\"a\":1}]}", false);

        assertEquals(2, collected.records.size());
        SourceRecord first = collected.records.get(0);
        assertTrue(first.isTruncated());
        assertEquals(64, first.json().length);
        assertEquals(big.length(), first.totalSize());
        assertEquals("{\"a\":1}", collected.texts().get(1));
    }

    @Test
    void anOversizeRecordArrivesCutAtTheLimitWithItsFullSize() {
        String big = "{\"blob\":\"" + "x".repeat(500) + "\"}";
        SourceRecord record = read("{\"Records\":[" + big + "]}", false).records.get(0);

        assertTrue(record.isTruncated());
        assertEquals(64, record.json().length);
        assertEquals(big.length(), record.totalSize());
    }

    @Test
    void aGzipStreamCutShortIsOneFailureAfterTheRecordsBeforeTheCut() {
        StringBuilder records = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 2000; i++) {
            records.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"pad\":\"").append(Integer.toHexString(i * 7919)).append("\"}");
        }
        byte[] gzip = gzip(records.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(gzip, gzip.length / 2);
        Collected collected = new Collected();

        reader.read("cut.json.gz", () -> new ByteArrayInputStream(cut), collected);

        assertTrue(collected.records.size() > 0 && collected.records.size() < 2000, "records before the cut are read");
        assertEquals(1, collected.failures.size());
        ReadFailure failure = collected.failures.get(0);
        assertEquals(ReadFailure.Reason.TRUNCATED_GZIP, failure.reason());
        assertEquals(collected.records.size(), failure.index(), "the failure names the first record lost");
        assertEquals("cut.json.gz#" + failure.index(), failure.location());
    }

    @Test
    void nonJsonInputIsOneMalformedJsonFailure() {
        Collected collected = read("{\"Records\": [ this is not json", false);

        assertEquals(ReadFailure.Reason.MALFORMED_JSON, collected.failures.get(0).reason());
    }

    @Test
    void aRecordsValueThatIsNotAnArrayIsNotACloudTrailFile() {
        Collected collected = read("{\"Records\": 5}", false);

        assertEquals(1, collected.failures.size());
        assertEquals(ReadFailure.Reason.NOT_CLOUDTRAIL_FILE, collected.failures.get(0).reason());
    }

    @Test
    void anUnclosedRecordsArrayIsReportedAfterTheRecordsBeforeIt() {
        Collected collected = read("{\"Records\":[{\"a\":1},", false);

        assertEquals(List.of("{\"a\":1}"), collected.texts());
        assertEquals(1, collected.failures.size());
        assertEquals(ReadFailure.Reason.MALFORMED_JSON, collected.failures.get(0).reason());
        assertEquals(1, collected.failures.get(0).index());
    }

    @Test
    void anObjectThatCannotBeOpenedIsOneFailure() {
        Collected collected = new Collected();

        reader.read("gone.json", () -> {
            throw new IOException("no such object");
        }, collected);

        assertEquals(ReadFailure.Reason.UNREADABLE_OBJECT, collected.failures.get(0).reason());
        assertTrue(collected.failures.get(0).message().contains("no such object"));
    }

    private Collected read(String content, boolean gzip) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        byte[] stored = gzip ? gzip(bytes) : bytes;
        Collected collected = new Collected();
        reader.read("test.json", () -> new ByteArrayInputStream(stored), collected);
        return collected;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static final class Collected implements RecordVisitor {
        final List<SourceRecord> records = new ArrayList<>();
        final List<ReadFailure> failures = new ArrayList<>();

        @Override
        public void onRecord(SourceRecord record) {
            records.add(record);
        }

        @Override
        public void onFailure(ReadFailure failure) {
            failures.add(failure);
        }

        List<String> texts() {
            return records.stream().map(r -> new String(r.json(), StandardCharsets.UTF_8)).toList();
        }

        List<Long> indices() {
            return records.stream().map(SourceRecord::index).toList();
        }
    }
}
