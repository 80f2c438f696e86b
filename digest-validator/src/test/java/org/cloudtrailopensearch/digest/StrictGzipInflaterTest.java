package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The push inflater gives the same bytes and the same verdict however the stored bytes are cut into chunks, and the
 * same as the pull reader, for every optional header field and every kind of damage.
 */
class StrictGzipInflaterTest {

    private static final byte[] CONTENT = ("{\"Records\":[" + "{\"eventName\":\"GetObject\",\"x\":1},".repeat(3000) + "{}]}")
            .getBytes(StandardCharsets.UTF_8);

    /** A gzip member written by hand, so each optional header field can be present. */
    private static byte[] member(byte[] content, boolean extra, boolean name, boolean comment, boolean headerCrc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flags = (headerCrc ? 2 : 0) | (extra ? 4 : 0) | (name ? 8 : 0) | (comment ? 16 : 0);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, 3});
        if (extra) {
            out.writeBytes(new byte[] {5, 0, 'A', 'B', 1, 0, 9});
        }
        if (name) {
            out.writeBytes("events.json\0".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (comment) {
            out.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (headerCrc) {
            out.writeBytes(new byte[] {0x12, 0x34});
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(content);
        long size = content.length;
        for (long value : new long[] {crc.getValue(), size}) {
            for (int i = 0; i < 4; i++) {
                out.write((int) (value >>> (8 * i)) & 0xff);
            }
        }
        return out.toByteArray();
    }

    /** Inflated bytes, or the kind of format error. */
    private record Outcome(byte[] content, GzipFormatException.Kind problem) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Outcome that && Arrays.equals(content, that.content) && problem == that.problem;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(content) * 31 + String.valueOf(problem).hashCode();
        }

        @Override
        public String toString() {
            return problem != null ? "problem " + problem : content.length + " bytes";
        }
    }

    private static Outcome pushed(byte[] stored, int[] chunkSizes) {
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        try (StrictGzipInflater inflater = new StrictGzipInflater(inflated::write)) {
            int position = 0;
            for (int i = 0; position < stored.length; i++) {
                int length = Math.min(chunkSizes[i % chunkSizes.length], stored.length - position);
                inflater.update(stored, position, length);
                position += length;
            }
            assertEquals(inflated.size(), inflater.finish());
            return new Outcome(inflated.toByteArray(), null);
        } catch (GzipFormatException e) {
            return new Outcome(null, e.kind());
        }
    }

    private static Outcome pulled(byte[] stored) throws IOException {
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        try {
            StrictGzipReader.inflate(new ByteArrayInputStream(stored), inflated::write);
            return new Outcome(inflated.toByteArray(), null);
        } catch (GzipFormatException e) {
            return new Outcome(null, e.kind());
        }
    }

    private static List<int[]> chunkings() {
        Random random = new Random(3);
        int[] randomSizes = new int[64];
        for (int i = 0; i < randomSizes.length; i++) {
            randomSizes[i] = 1 + random.nextInt(300);
        }
        return List.of(new int[] {1}, new int[] {2}, new int[] {3, 7}, new int[] {11}, new int[] {4096},
                new int[] {65536}, new int[] {Integer.MAX_VALUE}, randomSizes);
    }

    private static void assertSameEverywhere(byte[] stored, Outcome expected) throws IOException {
        assertEquals(expected, pulled(stored), "pulled");
        for (int[] chunking : chunkings()) {
            assertEquals(expected, pushed(stored, chunking), "chunks of " + Arrays.toString(chunking));
        }
    }

    @Test
    void everyHeaderShapeInflatesToTheContentInAnyChunking() throws IOException {
        for (int fields = 0; fields < 16; fields++) {
            byte[] stored = member(CONTENT, (fields & 1) != 0, (fields & 2) != 0, (fields & 4) != 0, (fields & 8) != 0);
            assertSameEverywhere(stored, new Outcome(CONTENT, null));
        }
        assertSameEverywhere(member(new byte[0], true, true, true, true), new Outcome(new byte[0], null));
        assertArrayEquals(CONTENT, pulled(TrailFixture.gzip(CONTENT)).content());
    }

    @Test
    void damageIsTheSameKindInAnyChunking() throws IOException {
        byte[] good = member(CONTENT, true, true, true, true);
        for (int cut = 0; cut < good.length; cut += Math.max(1, cut / 3)) {
            assertSameEverywhere(Arrays.copyOf(good, cut), new Outcome(null, GzipFormatException.Kind.TRUNCATED));
        }
        byte[] appendedMember = Arrays.copyOf(good, good.length * 2);
        System.arraycopy(good, 0, appendedMember, good.length, good.length);
        assertSameEverywhere(appendedMember, new Outcome(null, GzipFormatException.Kind.TRAILING_DATA));
        assertSameEverywhere(Arrays.copyOf(good, good.length + 1), new Outcome(null, GzipFormatException.Kind.TRAILING_DATA));

        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 8] ^= 0x40;
        assertSameEverywhere(badCrc, new Outcome(null, GzipFormatException.Kind.CRC_MISMATCH));
        byte[] badSize = good.clone();
        badSize[badSize.length - 1] ^= 0x01;
        assertSameEverywhere(badSize, new Outcome(null, GzipFormatException.Kind.CORRUPT));
        byte[] badMagic = good.clone();
        badMagic[1] = (byte) 0x8c;
        assertSameEverywhere(badMagic, new Outcome(null, GzipFormatException.Kind.NOT_GZIP));
        byte[] badMethod = good.clone();
        badMethod[2] = 7;
        assertSameEverywhere(badMethod, new Outcome(null, GzipFormatException.Kind.NOT_GZIP));
        byte[] badDeflate = member(CONTENT, false, false, false, false);
        badDeflate[10] = (byte) 0xff; // block type 3 does not exist
        assertSameEverywhere(badDeflate, new Outcome(null, GzipFormatException.Kind.CORRUPT));
    }

    @Test
    void messagesNameWhereTheStreamEnds() {
        byte[] good = member(CONTENT, true, true, false, false);
        assertEquals("gzip stream ends inside the header", message(Arrays.copyOf(good, 5)));
        assertEquals("gzip stream ends inside the header extra field", message(Arrays.copyOf(good, 14)));
        assertEquals("gzip stream ends inside the header file name", message(Arrays.copyOf(good, 20)));
        assertEquals("gzip stream ends inside the trailer", message(Arrays.copyOf(good, good.length - 3)));
        assertEquals("data follows the end of the gzip stream (at least 2 bytes)",
                message(Arrays.copyOf(good, good.length + 2)));
    }

    private static String message(byte[] stored) {
        try {
            StrictGzipReader.inflate(new ByteArrayInputStream(stored), (buffer, offset, length) -> { });
            return "no problem";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
