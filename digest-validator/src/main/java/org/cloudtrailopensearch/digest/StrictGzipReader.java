package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates exactly one gzip member from a stream, chunk by chunk, without holding the object in memory.
 *
 * <p>Unlike {@link java.util.zip.GZIPInputStream}, which silently concatenates further members, this reader
 * rejects anything after the first member's trailer: appended bytes must not pass validation just because the
 * hashed prefix is intact. It also verifies the trailer's CRC-32 and size.
 */
final class StrictGzipReader {

    /** Receives inflated bytes; the buffer is reused after the call returns. */
    @FunctionalInterface
    interface ChunkConsumer {
        void accept(byte[] buffer, int offset, int length);
    }

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int FLAG_HEADER_CRC = 2;
    private static final int FLAG_EXTRA = 4;
    private static final int FLAG_NAME = 8;
    private static final int FLAG_COMMENT = 16;

    private final InputStream in;
    private final byte[] input = new byte[BUFFER_SIZE];
    private int position;
    private int limit;

    private StrictGzipReader(InputStream in) {
        this.in = in;
    }

    /** Inflates {@code in} into {@code consumer}; returns the number of uncompressed bytes. */
    static long inflate(InputStream in, ChunkConsumer consumer) throws IOException {
        return new StrictGzipReader(in).run(consumer);
    }

    private long run(ChunkConsumer consumer) throws IOException {
        readHeader();
        Inflater inflater = new Inflater(true);
        CRC32 crc = new CRC32();
        byte[] output = new byte[BUFFER_SIZE];
        long total = 0;
        try {
            inflater.setInput(input, position, limit - position);
            while (true) {
                int produced;
                try {
                    produced = inflater.inflate(output);
                } catch (DataFormatException e) {
                    throw new GzipFormatException(GzipFormatException.Kind.CORRUPT, "corrupt deflate data: " + e.getMessage());
                }
                if (produced > 0) {
                    crc.update(output, 0, produced);
                    consumer.accept(output, 0, produced);
                    total += produced;
                    continue;
                }
                if (inflater.finished()) {
                    break;
                }
                if (inflater.needsDictionary()) {
                    throw new GzipFormatException(GzipFormatException.Kind.CORRUPT, "deflate stream needs a preset dictionary");
                }
                if (inflater.needsInput()) {
                    limit = in.read(input);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        throw new GzipFormatException(GzipFormatException.Kind.TRUNCATED,
                                "gzip stream ends inside the compressed data after " + total + " uncompressed bytes");
                    }
                    inflater.setInput(input, 0, limit);
                }
            }
            position = limit - inflater.getRemaining();
        } finally {
            inflater.end();
        }
        readTrailer(crc.getValue(), total);
        requireEnd();
        return total;
    }

    private void readHeader() throws IOException {
        int id1 = nextByte("header");
        int id2 = nextByte("header");
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new GzipFormatException(GzipFormatException.Kind.NOT_GZIP, "not gzip data (no 1f 8b magic number)");
        }
        if (nextByte("header") != 8) {
            throw new GzipFormatException(GzipFormatException.Kind.NOT_GZIP, "unsupported gzip compression method");
        }
        int flags = nextByte("header");
        for (int i = 0; i < 6; i++) {
            nextByte("header"); // modification time, extra flags, operating system
        }
        if ((flags & FLAG_EXTRA) != 0) {
            int length = nextByte("header") | (nextByte("header") << 8);
            for (int i = 0; i < length; i++) {
                nextByte("header extra field");
            }
        }
        if ((flags & FLAG_NAME) != 0) {
            while (nextByte("header file name") != 0) {
                // skip the zero-terminated original file name
            }
        }
        if ((flags & FLAG_COMMENT) != 0) {
            while (nextByte("header comment") != 0) {
                // skip the zero-terminated comment
            }
        }
        if ((flags & FLAG_HEADER_CRC) != 0) {
            nextByte("header");
            nextByte("header");
        }
    }

    private void readTrailer(long crc, long total) throws IOException {
        long expectedCrc = 0;
        for (int i = 0; i < 4; i++) {
            expectedCrc |= (long) nextByte("trailer") << (8 * i);
        }
        long expectedSize = 0;
        for (int i = 0; i < 4; i++) {
            expectedSize |= (long) nextByte("trailer") << (8 * i);
        }
        if (expectedCrc != crc) {
            throw new GzipFormatException(GzipFormatException.Kind.CRC_MISMATCH,
                    String.format("gzip CRC-32 mismatch: trailer %08x, data %08x", expectedCrc, crc));
        }
        if (expectedSize != (total & 0xffffffffL)) {
            throw new GzipFormatException(GzipFormatException.Kind.CORRUPT,
                    "gzip size mismatch: trailer " + expectedSize + ", data " + total);
        }
    }

    private void requireEnd() throws IOException {
        long extra = limit - position;
        if (extra == 0) {
            int read;
            while ((read = in.read(input)) == 0) {
                // a stream may return 0 bytes; keep reading until data or end of stream
            }
            extra = Math.max(read, 0);
        }
        if (extra > 0) {
            throw new GzipFormatException(GzipFormatException.Kind.TRAILING_DATA,
                    "data follows the end of the gzip stream (at least " + extra + " bytes)");
        }
    }

    private int nextByte(String where) throws IOException {
        if (position == limit) {
            limit = in.read(input);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                throw new GzipFormatException(GzipFormatException.Kind.TRUNCATED, "gzip stream ends inside the " + where);
            }
        }
        return input[position++] & 0xff;
    }
}
