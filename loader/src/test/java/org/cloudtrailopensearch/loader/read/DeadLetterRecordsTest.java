package org.cloudtrailopensearch.loader.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.cloudtrailopensearch.loader.index.IndexFailure;
import org.cloudtrailopensearch.loader.report.Stage;
import org.cloudtrailopensearch.mapper.RejectionReason;
import org.cloudtrailopensearch.loader.deadletter.DeadLetter;
import org.cloudtrailopensearch.loader.deadletter.DeadLetterWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterRecordsTest {

    private static final String RECORD = "{\"eventVersion\":\"1.08\",\"userIdentity\":\"carol\",\"note\":\"caf\u00e9 \\\"q\\\" \\n\"}";

    @TempDir
    Path work;

    @Test
    void eachDeadLetterWithARecordComesBackAsThatRecordOfItsOriginalSourceAndIndex() throws IOException {
        Path file = write(
                DeadLetter.of(new SourceRecord("s3://bucket/a.json.gz", 7, bytes(RECORD), RECORD.length()), Stage.MAP, RejectionReason.WRONG_TYPE,
                        "userIdentity: expected an object, found string"),
                DeadLetter.of(new SourceRecord("/logs/b.json", 0, bytes("{\"eventVersion\":\"1.08\"}"), 23), Stage.INDEX,
                        IndexFailure.DOCUMENT_REJECTED, "mapper_parsing_exception"));
        CollectedRecords collected = new CollectedRecords();

        ReadSummary summary = DeadLetterRecords.read(file, collected);

        assertEquals(new ReadSummary(2, 0, false), summary);
        SourceRecord first = collected.records.get(0);
        assertEquals("s3://bucket/a.json.gz#7", first.location());
        assertArrayEquals(bytes(RECORD), first.json(), "the record's bytes exactly as they were read");
        assertEquals("/logs/b.json#0", collected.records.get(1).location());
    }

    @Test
    void aRecordThatIsNotValidUtf8ComesBackByteForByteNotWithReplacementCharacters() throws IOException {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        Path file = write(DeadLetter.of(new SourceRecord("s3://bucket/a.json.gz", 3, invalid, invalid.length),
                Stage.MAP, RejectionReason.MALFORMED_JSON, "invalid UTF-8 middle byte"));
        assertTrue(Files.readString(file).contains("\"record\":\"{\\\"a\\\":\\\"\uFFFD("),
                "the text stays readable: " + Files.readString(file));
        CollectedRecords collected = new CollectedRecords();

        DeadLetterRecords.read(file, collected);

        assertArrayEquals(invalid, collected.records.get(0).json());
    }

    @Test
    void entriesWithoutAWholeRecordAreFailuresOfTheirOriginalSourceSoTheyStayCounted() throws IOException {
        Path file = write(
                new DeadLetter("x.json.gz", 12, Stage.READ, "TRUNCATED_GZIP", "the gzip stream ends early", null, false),
                new DeadLetter("y.json", 3, Stage.MAP, "TOO_LARGE", "record is 9000000 bytes", "{\"eventVersion\":\"1.", true),
                new DeadLetter("z.json", 0, Stage.READ, "SOMETHING_NEW", "from a later version", null, false));
        Files.writeString(file, "not a dead letter\n\n", java.nio.file.StandardOpenOption.APPEND);
        CollectedRecords collected = new CollectedRecords();

        ReadSummary summary = DeadLetterRecords.read(file, collected);

        assertEquals(new ReadSummary(0, 4, false), summary);
        List<ReadFailure> failures = collected.failures;
        assertEquals("x.json.gz#12", failures.get(0).location());
        assertEquals(ReadFailure.Reason.TRUNCATED_GZIP, failures.get(0).reason());
        assertTrue(failures.get(0).message().contains("the gzip stream ends early"), failures.get(0).message());
        assertEquals("y.json#3", failures.get(1).location());
        assertEquals(ReadFailure.Reason.NOT_RELOADABLE, failures.get(1).reason());
        assertEquals(ReadFailure.Reason.NOT_RELOADABLE, failures.get(2).reason());
        assertEquals(file + "#3", failures.get(3).location(), "junk is named by the dead-letter file and line index");
        assertEquals(ReadFailure.Reason.NOT_RELOADABLE, failures.get(3).reason());
    }

    @Test
    void anEmptyDeadLetterFileIsEmptyAndAMissingOneCannotBeRead() throws IOException {
        Path empty = Files.createFile(work.resolve("empty.ndjson"));

        assertEquals(new ReadSummary(0, 0, true), DeadLetterRecords.read(empty, new CollectedRecords()));
        assertThrows(NoSuchFileException.class, () -> DeadLetterRecords.read(work.resolve("missing.ndjson"), new CollectedRecords()));
    }

    private Path write(DeadLetter... letters) throws IOException {
        Path file = work.resolve("dead-letters.ndjson");
        try (DeadLetterWriter writer = new DeadLetterWriter(file)) {
            for (DeadLetter letter : letters) {
                writer.write(letter);
            }
        }
        return file;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
