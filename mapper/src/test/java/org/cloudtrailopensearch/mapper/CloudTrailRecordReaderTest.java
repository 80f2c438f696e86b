package org.cloudtrailopensearch.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudTrailRecordReaderTest {

    private static final String RECORD = MapperTestSupport.record("{\"type\":\"IAMUser\",\"userName\":\"alice\"}", "");

    private static List<CloudTrailRecordReader.Entry> readAll(byte[] content, String name) throws IOException {
        List<CloudTrailRecordReader.Entry> entries = new ArrayList<>();
        try (CloudTrailRecordReader reader = CloudTrailRecordReader.open(new ByteArrayInputStream(content), name)) {
            reader.forEachRemaining(entries::add);
        }
        return entries;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] recordsFile(int count) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append(RECORD.replace("\"e-1\"", "\"e-" + i + "\""));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsArrayPlainAndGzip() throws IOException {
        for (byte[] content : List.of(recordsFile(3), gzip(recordsFile(3)))) {
            List<CloudTrailRecordReader.Entry> entries = readAll(content, "f.json");
            assertEquals(3, entries.size());
            CloudTrailRecordReader.Record second = assertInstanceOf(CloudTrailRecordReader.Record.class, entries.get(1));
            assertEquals("Records[1]", second.location());
            assertEquals("e-1", second.tree().get("eventID").asText());
            assertInstanceOf(MappingResult.Mapped.class, second.mapWith(MapperTestSupport.MAPPER));
        }
    }

    @Test
    void ndjsonSkipsBlankLinesAndReportsBadOnesThroughTheMapper() throws IOException {
        byte[] content = (RECORD + "\n\n{not json\n" + RECORD + "\n").getBytes(StandardCharsets.UTF_8);
        List<CloudTrailRecordReader.Entry> entries = readAll(gzip(content), "f.ndjson.gz");
        assertEquals(3, entries.size());
        CloudTrailRecordReader.Record bad = (CloudTrailRecordReader.Record) entries.get(1);
        assertEquals("line 3", bad.location());
        MappingResult.Rejected rejected = assertInstanceOf(MappingResult.Rejected.class, bad.mapWith(MapperTestSupport.MAPPER));
        assertEquals(RejectionReason.MALFORMED_JSON, rejected.reason());
        assertEquals("line 4", entries.get(2).location());
    }

    @Test
    void truncatedGzipIsAFatalFailureNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] full = gzip(recordsFile(200));
        Path file = dir.resolve("cut.json.gz");
        Files.write(file, Arrays.copyOf(full, full.length / 2));
        List<CloudTrailRecordReader.Entry> entries = new ArrayList<>();
        try (CloudTrailRecordReader reader = CloudTrailRecordReader.open(file)) {
            reader.forEachRemaining(entries::add);
        }
        CloudTrailRecordReader.Failure last = assertInstanceOf(CloudTrailRecordReader.Failure.class, entries.get(entries.size() - 1));
        assertTrue(last.fatal());
        assertTrue(last.describe().startsWith("cut.json.gz "), last.describe());
        assertTrue(entries.size() > 1, "records before the cut are still read");
    }

    @Test
    void nonJsonInputIsRefusedUpFront() {
        IOException e = assertThrows(IOException.class,
                () -> CloudTrailRecordReader.open(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), "x.txt"));
        assertTrue(e.getMessage().startsWith("x.txt"));
    }

    @Test
    void emptyInputHasNoEntries() throws IOException {
        assertTrue(readAll(new byte[0], "empty").isEmpty());
        try (CloudTrailRecordReader reader = CloudTrailRecordReader.open(new ByteArrayInputStream(new byte[0]), "e")) {
            assertEquals(CloudTrailRecordReader.Format.EMPTY, reader.format());
            assertFalse(reader.hasNext());
        }
    }

    @Test
    void nonObjectArrayElementIsReportedAndReadingContinues() throws IOException {
        byte[] content = ("{\"Records\":[42," + RECORD + "]}").getBytes(StandardCharsets.UTF_8);
        List<CloudTrailRecordReader.Entry> entries = readAll(content, "f.json");
        CloudTrailRecordReader.Failure failure = assertInstanceOf(CloudTrailRecordReader.Failure.class, entries.get(0));
        assertFalse(failure.fatal());
        assertInstanceOf(CloudTrailRecordReader.Record.class, entries.get(1));
    }
}
