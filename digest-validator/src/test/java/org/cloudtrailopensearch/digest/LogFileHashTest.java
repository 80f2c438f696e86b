package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogFileHash#of}: CloudTrail's hash of a stored log, with the validator's gzip strictness. */
class LogFileHashTest {

    private static final byte[] CONTENT = "{\"Records\":[{\"eventName\":\"ConsoleLogin\",\"eventSource\":\"signin.amazonaws.com\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    /** A stream that tells whether it was read to its end. */
    private static final class TrackedStream extends ByteArrayInputStream {
        TrackedStream(byte[] bytes) {
            super(bytes);
        }

        boolean atEnd() {
            return available() == 0;
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    @Test
    void hashIsTheSha256OfTheUncompressedContent() throws IOException {
        TrackedStream stored = new TrackedStream(TrailFixture.gzip(CONTENT));

        LogFileHash hash = LogFileHash.of(stored);

        assertEquals(DigestUtils.sha256Hex(CONTENT), hash.sha256Hex());
        assertEquals(CONTENT.length, hash.uncompressedBytes());
        assertNull(hash.problem());
        assertTrue(stored.atEnd());
        assertEquals(hash, LogFileHash.of(new ByteArrayInputStream(TrailFixture.gzip(CONTENT))));
    }

    @Test
    void hashMatchesTheHashValueCloudTrailDigestsName(@TempDir Path trail) throws IOException {
        TrailFixture.smallTrail().writeTo(trail);
        Path digest = TrailFixture.digests(trail).get(0);
        int compared = 0;
        for (JsonNode logFile : TrailFixture.readDigest(digest).get("logFiles")) {
            try (InputStream stored = Files.newInputStream(trail.resolve(logFile.get("s3Object").asText()))) {
                assertEquals(logFile.get("hashValue").asText(), LogFileHash.of(stored).sha256Hex());
            }
            compared++;
        }
        assertTrue(compared > 0);
    }

    @Test
    void largeIncompressibleContentIsHashedWhole() throws IOException {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(content);

        LogFileHash hash = LogFileHash.of(new ByteArrayInputStream(TrailFixture.gzip(content)));

        assertEquals(DigestUtils.sha256Hex(content), hash.sha256Hex());
        assertEquals(content.length, hash.uncompressedBytes());
    }

    @Test
    void gzipOfNothingIsTheHashOfNothing() throws IOException {
        LogFileHash hash = LogFileHash.of(new ByteArrayInputStream(TrailFixture.gzip(new byte[0])));

        assertEquals(DigestUtils.sha256Hex(new byte[0]), hash.sha256Hex());
        assertEquals(0, hash.uncompressedBytes());
    }

    @Test
    void truncatedStreamIsAProblemNotAnException() throws IOException {
        byte[] gzip = TrailFixture.gzip(CONTENT);
        TrackedStream stored = new TrackedStream(Arrays.copyOf(gzip, gzip.length - 5));

        LogFileHash hash = LogFileHash.of(stored);

        assertNull(hash.sha256Hex());
        assertEquals(GzipFormatException.Kind.TRUNCATED, hash.problemKind());
        assertTrue(hash.problem().contains("ends inside the trailer"), hash.problem());
        assertEquals(0, hash.uncompressedBytes());
        assertTrue(stored.atEnd());
    }

    @Test
    void bytesAfterTheMemberAreAProblemAndTheStreamIsReadToItsEnd() throws IOException {
        byte[] trailing = new byte[200_000];
        TrackedStream stored = new TrackedStream(concat(TrailFixture.gzip(CONTENT), trailing));

        LogFileHash hash = LogFileHash.of(stored);

        assertNull(hash.sha256Hex());
        assertEquals(GzipFormatException.Kind.TRAILING_DATA, hash.problemKind());
        assertNotNull(hash.problem());
        assertTrue(stored.atEnd(), "drained to the end");
    }

    @Test
    void anAppendedGzipMemberIsAProblem() throws IOException {
        byte[] twoMembers = concat(TrailFixture.gzip(CONTENT),
                TrailFixture.gzip("{\"Records\":[{\"eventName\":\"Injected\"}]}".getBytes(StandardCharsets.UTF_8)));

        LogFileHash hash = LogFileHash.of(new ByteArrayInputStream(twoMembers));

        assertEquals(GzipFormatException.Kind.TRAILING_DATA, hash.problemKind());
        assertNull(hash.sha256Hex());
    }

    @Test
    void plainTextAndEmptyObjectsAreProblems() throws IOException {
        assertEquals(GzipFormatException.Kind.NOT_GZIP, LogFileHash.of(new ByteArrayInputStream(CONTENT)).problemKind());
        LogFileHash empty = LogFileHash.of(new ByteArrayInputStream(new byte[0]));
        assertEquals(GzipFormatException.Kind.TRUNCATED, empty.problemKind());
        assertNull(empty.sha256Hex());
    }

    @Test
    void crcMismatchIsAProblem() throws IOException {
        byte[] gzip = TrailFixture.gzip(CONTENT);
        gzip[gzip.length - 8] ^= 0x01;

        LogFileHash hash = LogFileHash.of(new ByteArrayInputStream(gzip));

        assertEquals(GzipFormatException.Kind.CRC_MISMATCH, hash.problemKind());
        assertTrue(hash.problem().contains("CRC"), hash.problem());
    }

    @Test
    void aFailingReadIsAnIOException() {
        byte[] gzip = TrailFixture.gzip(CONTENT);
        InputStream failing = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == 10) {
                    throw new IOException("connection reset");
                }
                return gzip[position++] & 0xff;
            }
        };

        IOException thrown = assertThrows(IOException.class, () -> LogFileHash.of(failing));
        assertEquals("connection reset", thrown.getMessage());
    }

    /** A loader-like reader: gunzips through the hashing stream and stops early, as a reader may. */
    private static LogFileHash hashWhileReading(byte[] stored, int stopAfter) throws IOException {
        try (LogFileHash.HashingInputStream hashing = LogFileHash.hashing(new ByteArrayInputStream(stored))) {
            try (InputStream reader = new java.util.zip.GZIPInputStream(new java.io.FilterInputStream(hashing) {
                @Override
                public void close() {
                    // the hash needs the stream after the reader is done
                }
            })) {
                reader.readNBytes(stopAfter);
            } catch (IOException e) {
                // a reader fails on damaged data in its own way; the hash judges the bytes
            }
            return hashing.finish();
        }
    }

    @Test
    void hashingWhileReadingGivesTheSameHashAsReadingToTheEnd() throws IOException {
        byte[] content = new byte[700_000];
        new Random(9).nextBytes(content);
        byte[] good = TrailFixture.gzip(content);
        byte[] appended = concat(good, TrailFixture.gzip(CONTENT));
        byte[] truncated = Arrays.copyOf(good, good.length - 100);
        for (byte[] stored : List.of(good, appended, truncated, CONTENT, new byte[0])) {
            LogFileHash whole = LogFileHash.of(new ByteArrayInputStream(stored));
            for (int stopAfter : new int[] {0, 1, 1000, content.length, Integer.MAX_VALUE}) {
                assertEquals(whole, hashWhileReading(stored, stopAfter), "stop after " + stopAfter);
            }
        }
        assertEquals(DigestUtils.sha256Hex(content), hashWhileReading(good, 5).sha256Hex());
        assertEquals(GzipFormatException.Kind.TRAILING_DATA, hashWhileReading(appended, Integer.MAX_VALUE).problemKind());
    }

    @Test
    void pushedChunksGiveTheSameHash() throws IOException {
        byte[] content = new byte[300_000];
        new Random(11).nextBytes(content);
        byte[] stored = TrailFixture.gzip(content);
        Random random = new Random(13);
        LogFileHash.Hasher hasher = LogFileHash.hasher();
        for (int position = 0; position < stored.length; ) {
            int length = Math.min(stored.length - position, random.nextInt(5000));
            hasher.update(stored, position, length);
            position += length;
        }
        LogFileHash hash = hasher.finish();

        assertEquals(LogFileHash.of(new ByteArrayInputStream(stored)), hash);
        assertEquals(hash, hasher.finish());
        assertThrows(IllegalStateException.class, () -> hasher.update(stored, 0, 1));
    }

    @Test
    void skippedBytesAreHashedAndAStreamClosedEarlyHasNoHash() throws IOException {
        byte[] stored = TrailFixture.gzip(CONTENT);
        try (LogFileHash.HashingInputStream hashing = LogFileHash.hashing(new ByteArrayInputStream(stored))) {
            assertEquals(10, hashing.skip(10));
            assertEquals(stored[10] & 0xff, hashing.read());
            assertEquals(DigestUtils.sha256Hex(CONTENT), hashing.finish().sha256Hex());
            assertEquals(-1, hashing.read());
        }
        LogFileHash.HashingInputStream closedEarly = LogFileHash.hashing(new ByteArrayInputStream(stored));
        closedEarly.read(new byte[5]);
        closedEarly.close();
        assertThrows(IOException.class, closedEarly::finish);
    }
}
