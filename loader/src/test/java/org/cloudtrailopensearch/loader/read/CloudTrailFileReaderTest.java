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

    private static final CloudTrailFileReader SMALL = new CloudTrailFileReader(64);
    private final CloudTrailFileReader reader = new CloudTrailFileReader(64 * 1024);

    @Test
    void readsEachRecordOfARecordsArrayAndIgnoresOtherEnvelopeFields() {
        CollectedRecords collected = read("{ \"Records\" : [ {\"a\":1}, {\"b\":[2,3]} ], \"other\": {\"x\": 1} }", false);

        assertEquals(List.of("{\"a\":1}", "{\"b\":[2,3]}"), collected.texts());
        assertEquals(List.of(0L, 1L), collected.indices());
        assertTrue(collected.failures.isEmpty());
    }

    @Test
    void detectsGzipByItsMagicBytesNotByTheName() {
        CollectedRecords collected = read("{\"Records\":[{\"a\":1}]}", true);

        assertEquals(List.of("{\"a\":1}"), collected.texts());
    }

    @Test
    void readsOneRecordPerLineSkippingBlankLinesAndKeepingLineNumbers() {
        CollectedRecords collected = read("{\"eventVersion\":1}\r\n\n  \n{\"b\":2}\n", false);

        assertEquals(List.of("{\"eventVersion\":1}", "{\"b\":2}"), collected.texts());
        assertEquals(List.of(0L, 3L), collected.indices());
    }

    @Test
    void marksARecordLargerThanTheLimitAsTruncatedWithoutHoldingAllOfIt() {
        String big = "{\"blob\":\"" + "x".repeat(500) + "\"}";
        CollectedRecords collected = read(SMALL, "{\"Records\":[" + big + ",{\"a\":1}]}");

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
        SourceRecord record = read(SMALL, "{\"Records\":[" + big + "]}").records.get(0);

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
        CollectedRecords collected = new CollectedRecords();

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
        CollectedRecords collected = read("{\"Records\": [ this is not json", false);

        assertEquals(ReadFailure.Reason.MALFORMED_JSON, collected.failures.get(0).reason());
    }

    @Test
    void aRecordsValueThatIsNotAnArrayIsNotACloudTrailFile() {
        CollectedRecords collected = read("{\"Records\": 5}", false);

        assertEquals(1, collected.failures.size());
        assertEquals(ReadFailure.Reason.NOT_CLOUDTRAIL_FILE, collected.failures.get(0).reason());
    }

    @Test
    void anUnclosedRecordsArrayIsReportedAfterTheRecordsBeforeIt() {
        CollectedRecords collected = read("{\"Records\":[{\"a\":1},", false);

        assertEquals(List.of("{\"a\":1}"), collected.texts());
        assertEquals(1, collected.failures.size());
        assertEquals(ReadFailure.Reason.MALFORMED_JSON, collected.failures.get(0).reason());
        assertEquals(1, collected.failures.get(0).index());
    }

    @Test
    void anObjectThatCannotBeOpenedIsOneFailure() {
        CollectedRecords collected = new CollectedRecords();

        reader.read("gone.json", () -> {
            throw new IOException("no such object");
        }, collected);

        assertEquals(ReadFailure.Reason.UNREADABLE_OBJECT, collected.failures.get(0).reason());
        assertTrue(collected.failures.get(0).message().contains("no such object"));
    }

    // ---- damage inside a file costs the damaged record only (issue 14) ----

    private static String record(int n) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-05-01T10:00:0" + n + "Z\",\"eventName\":\"E" + n
                + "\",\"userIdentity\":{\"type\":\"IAMUser\",\"tags\":[{\"k\":\"}]\"},{\"k\":\"\\\"{\"}]}}";
    }

    private static String records(String... elements) {
        return "{\"Records\":[" + String.join(",", elements) + "]}";
    }

    @Test
    void aRecordCutOffInsideTheArrayCostsThatRecordAndTheNextOnesAreRead() {
        String cut = record(1).substring(0, 40);
        CollectedRecords collected = read(records(record(0), cut + record(2), record(3)), false);

        assertEquals(List.of(record(0), record(2), record(3)), collected.texts());
        assertEquals(List.of(0L, 2L, 3L), collected.indices());
        assertEquals(1, collected.failures.size());
        assertEquals(ReadFailure.Reason.MALFORMED_JSON, collected.failures.get(0).reason());
        assertEquals("test.json#1", collected.failures.get(0).location());
    }

    @Test
    void aRecordStartIsFoundWhereverTheReadBlocksSplitIt() {
        for (int shift = 0; shift < 24; shift++) {
            String head = "{\"Records\":[" + record(0) + ",";
            String cut = "{\"eventVersion\":\"1.08\",\"errorMessage\":\"";
            int padding = 64 * 1024 - 20 + shift - head.length() - cut.length();
            String content = head + cut + "p".repeat(padding) + record(2) + "]}";
            CollectedRecords collected = read(content, false);

            assertEquals(List.of(record(0), record(2)), collected.texts(), "shift " + shift);
            assertEquals(List.of(0L, 2L), collected.indices(), "shift " + shift);
            assertEquals(List.of(1L), collected.failures.stream().map(ReadFailure::index).toList(), "shift " + shift);
        }
    }

    @Test
    void anEscapeSplitByTheReadBlocksStaysAnEscape() {
        for (int shift = 0; shift < 6; shift++) {
            String escapes = "{\"eventVersion\":\"1.08\",\"errorMessage\":\"" + "x".repeat(shift) + "\\\"}".repeat(30_000) + "\"}";
            CollectedRecords collected = read(new CloudTrailFileReader(1 << 20), records(escapes, record(1)));

            assertEquals(List.of(escapes, record(1)), collected.texts(), "shift " + shift);
            assertTrue(collected.failures.isEmpty(), "shift " + shift);
        }
    }

    @Test
    void aLostQuoteThatUpsetsTheFramingCostsOnlyThatRecord() {
        String lostQuote = record(1).replace("\"E1\"", "\"E1");
        CollectedRecords collected = read(records(record(0), lostQuote, record(2), record(3)), true);

        // Record 1 ends up either framed as it is (the mapper rejects it) or as a read failure: one of the two, once.
        List<Long> indices = new ArrayList<>(collected.indices());
        collected.failures.forEach(failure -> indices.add(failure.index()));
        assertEquals(List.of(0L, 1L, 2L, 3L), indices.stream().sorted().toList());
        List<String> good = collected.records.stream().filter(r -> r.index() != 1)
                .map(r -> new String(r.json(), StandardCharsets.UTF_8)).toList();
        assertEquals(List.of(record(0), record(2), record(3)), good);
    }

    @Test
    void aFramedRecordThatIsNotWellFormedGoesOnAsItIsForTheMapperToReject() {
        String broken = "{\"eventVersion\":\"1.08\",,\"eventName\":tru}";
        CollectedRecords collected = read(records(record(0), broken, record(2)), false);

        assertEquals(List.of(record(0), broken, record(2)), collected.texts());
        assertTrue(collected.failures.isEmpty());
    }

    @Test
    void bytesWhereACommaBelongsAreOneFailureAndReadingResumesAtTheNextRecord() {
        CollectedRecords collected = read("{\"Records\":[" + record(0) + "}\"junk\", 12 ]," + record(2) + "," + record(3) + "]}", false);

        assertEquals(List.of(record(0), record(2), record(3)), collected.texts());
        assertEquals(List.of(0L, 2L, 3L), collected.indices());
        assertEquals(List.of(1L), collected.failures.stream().map(ReadFailure::index).toList());
    }

    @Test
    void anEscapedRecordStartInsideAStringIsNotDamage() {
        String embedding = "{\"eventVersion\":\"1.08\",\"errorMessage\":\"body {\\\"eventVersion\\\":\\\"x\\\"} [\"}";
        CollectedRecords collected = read(records(record(0), embedding, record(2)), false);

        assertEquals(List.of(record(0), embedding, record(2)), collected.texts());
        assertTrue(collected.failures.isEmpty());
    }

    @Test
    void concatenatedLogFilesAreReadWholeWithIndicesGoingOn() {
        CollectedRecords collected = read(records(record(0), record(1)) + records(record(2)), false);

        assertEquals(List.of(record(0), record(1), record(2)), collected.texts());
        assertTrue(collected.failures.isEmpty());
    }

    @Test
    void invalidUtf8InOneRecordStaysInThatRecord() {
        byte[] bad = record(1).replace("IAMUser", "IAM\u0000User").getBytes(StandardCharsets.UTF_8);
        int zero = indexOf(bad, (byte) 0);
        bad[zero] = (byte) 0xff;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(("{\"Records\":[" + record(0) + ",").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(bad);
        file.writeBytes(("," + record(2) + "]}").getBytes(StandardCharsets.UTF_8));
        CollectedRecords collected = new CollectedRecords();

        reader.read("utf8.json", () -> new ByteArrayInputStream(file.toByteArray()), collected);

        assertEquals(3, collected.records.size());
        assertTrue(java.util.Arrays.equals(bad, collected.records.get(1).json()), "the record's bytes, untouched");
        assertTrue(collected.failures.isEmpty());
    }

    @Test
    void tenThousandDeepNestingIsFramedWithoutRecursion() {
        String deep = "{\"eventVersion\":\"1.08\",\"requestParameters\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        CloudTrailFileReader unlimited = new CloudTrailFileReader(1 << 20);
        CollectedRecords collected = new CollectedRecords();

        unlimited.read("deep.json", () -> new ByteArrayInputStream(records(record(0), deep, record(2))
                .getBytes(StandardCharsets.UTF_8)), collected);

        assertEquals(List.of(record(0), deep, record(2)), collected.texts());
    }

    @Test
    void aFiveMegabyteRecordArrivesTruncatedAndTheRestIsRead() {
        String huge = "{\"eventVersion\":\"1.08\",\"requestParameters\":{\"blob\":\"" + "x".repeat(5 << 20) + "\"}}";
        CloudTrailFileReader megabyte = new CloudTrailFileReader(1 << 20);
        CollectedRecords collected = new CollectedRecords();

        megabyte.read("big.json", () -> new ByteArrayInputStream(records(record(0), huge, record(2))
                .getBytes(StandardCharsets.UTF_8)), collected);

        assertEquals(List.of(0L, 1L, 2L), collected.indices());
        assertTrue(collected.records.get(1).isTruncated());
        assertEquals(1 << 20, collected.records.get(1).json().length);
        assertEquals(huge.length(), collected.records.get(1).totalSize());
        assertEquals(record(2), collected.texts().get(2));
    }

    @Test
    void aGzipStreamCutInsideTheArrayGivesEveryCompleteRecordBeforeTheCut() {
        String[] all = new String[50];
        for (int i = 0; i < all.length; i++) {
            all[i] = record(i % 10);
        }
        byte[] plain = records(all).getBytes(StandardCharsets.UTF_8);
        byte[] gzip = gzip(plain);
        // The cut leaves the deflate stream short of the end: everything inflated before it is framed.
        byte[] cut = java.util.Arrays.copyOf(gzip, gzip.length - 12);
        CollectedRecords collected = new CollectedRecords();

        ReadSummary summary = reader.read("cut.json.gz", () -> new ByteArrayInputStream(cut), collected);

        assertTrue(collected.records.size() >= 45, "complete records before the cut: " + collected.records.size());
        assertEquals(1, collected.failures.size());
        assertEquals(ReadFailure.Reason.TRUNCATED_GZIP, collected.failures.get(0).reason());
        assertEquals(collected.records.size(), collected.failures.get(0).index());
        assertEquals(new ReadSummary(collected.records.size(), 1, false), summary);
    }

    @Test
    void aDamagedGzipStreamIsOneFailureAfterTheRecordsBeforeTheDamage() {
        StringBuilder plain = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 3000; i++) {
            plain.append(i == 0 ? "" : ",").append("{\"eventVersion\":\"1.08\",\"n\":").append(i).append(",\"pad\":\"")
                    .append(Integer.toHexString(i * 7919)).append("\"}");
        }
        byte[] gzip = gzip(plain.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        for (int i = gzip.length / 2; i < gzip.length / 2 + 64; i++) {
            gzip[i] = (byte) 0xff;
        }
        CollectedRecords collected = new CollectedRecords();

        reader.read("bad.json.gz", () -> new ByteArrayInputStream(gzip), collected);

        assertEquals(1, collected.failures.size(), collected.failures.toString());
        ReadFailure failure = collected.failures.get(0);
        assertTrue(failure.reason() == ReadFailure.Reason.CORRUPT_GZIP || failure.reason() == ReadFailure.Reason.TRUNCATED_GZIP,
                failure.toString());
        assertEquals(collected.records.size() + collected.failures.size() - 1, failure.index());
    }

    @Test
    void recordsAsAnObjectOrAScalarIsOneNotCloudTrailFileFailure() {
        for (String content : List.of("{\"Records\":{\"eventVersion\":\"1.08\"}}", "{\"Records\": \"none\"}", "{\"Records\":null}")) {
            CollectedRecords collected = read(content, false);

            assertTrue(collected.records.isEmpty(), content);
            assertEquals(1, collected.failures.size(), content);
            assertEquals(ReadFailure.Reason.NOT_CLOUDTRAIL_FILE, collected.failures.get(0).reason(), content);
            assertEquals("test.json#0", collected.failures.get(0).location());
        }
    }

    @Test
    void jsonThatIsNotCloudTrailIsOneFailureNamingTheFile() {
        for (String content : List.of("{\"foo\":1}\n{\"foo\":2}\n{\"foo\":3}\n", "[" + record(0) + "]", "hello world\n", "\"text\"")) {
            CollectedRecords collected = read(content, true);

            assertTrue(collected.records.isEmpty(), content);
            assertEquals(1, collected.failures.size(), content);
            assertEquals(ReadFailure.Reason.NOT_CLOUDTRAIL_FILE, collected.failures.get(0).reason(), content);
            assertEquals("test.json", collected.failures.get(0).source());
        }
    }

    @Test
    void aBadLineIsOneRecordAndTheOtherLinesAreRead() {
        CollectedRecords collected = read(record(0) + "\n{\"eventVersion\":\"1.08\",\"eventTi\n" + record(2) + "\n", false);

        assertEquals(List.of(0L, 1L, 2L), collected.indices());
        assertEquals(record(2), collected.texts().get(2));
        assertTrue(collected.failures.isEmpty());
    }

    @Test
    void emptyObjectsAreSaidToBeEmptyWithoutAnyCallback() {
        CollectedRecords collected = new CollectedRecords();
        for (byte[] content : List.of(new byte[0], gzip(new byte[0]), " \n\t\r\n".getBytes(StandardCharsets.UTF_8),
                gzip("\n\n".getBytes(StandardCharsets.UTF_8)))) {
            ReadSummary summary = reader.read("empty", () -> new ByteArrayInputStream(content), collected);

            assertEquals(new ReadSummary(0, 0, true), summary);
        }
        assertTrue(collected.records.isEmpty() && collected.failures.isEmpty());
        assertEquals(new ReadSummary(0, 0, false), reader.read("none", () -> new ByteArrayInputStream(
                "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)), collected));
    }

    @Test
    void theSummaryCountsRecordsAndFailures() {
        CollectedRecords collected = new CollectedRecords();
        byte[] content = records(record(0), record(1).substring(0, 30) + record(2)).getBytes(StandardCharsets.UTF_8);

        ReadSummary summary = reader.read("x.json", () -> new ByteArrayInputStream(content), collected);

        assertEquals(new ReadSummary(2, 1, false), summary);
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        byte[] content = ("\uFEFF" + records(record(0))).getBytes(StandardCharsets.UTF_8);
        CollectedRecords collected = new CollectedRecords();

        reader.read("bom.json", () -> new ByteArrayInputStream(content), collected);

        assertEquals(List.of(record(0)), collected.texts());
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static CollectedRecords read(CloudTrailFileReader reader, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        CollectedRecords collected = new CollectedRecords();
        reader.read("test.json", () -> new ByteArrayInputStream(bytes), collected);
        return collected;
    }

    private CollectedRecords read(String content, boolean gzip) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        byte[] stored = gzip ? gzip(bytes) : bytes;
        CollectedRecords collected = new CollectedRecords();
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
}
