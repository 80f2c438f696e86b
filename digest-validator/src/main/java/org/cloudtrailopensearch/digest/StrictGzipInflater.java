package org.cloudtrailopensearch.digest;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates exactly one gzip member from bytes pushed in chunk by chunk (as they pass by a reader), without
 * holding the object in memory. {@link StrictGzipReader} pulls a stream through it, so both apply the same rules.
 *
 * <p>Unlike {@link java.util.zip.GZIPInputStream}, which silently concatenates further members, anything after
 * the first member's trailer is rejected: appended bytes must not pass validation just because the hashed prefix
 * is intact. The trailer's CRC-32 and size are verified. A format error is thrown as soon as it is seen; after
 * that the inflater must not be fed further.
 */
final class StrictGzipInflater implements AutoCloseable {

    private static final int OUTPUT_SIZE = 64 * 1024;
    private static final int FIXED_HEADER_BYTES = 10;
    private static final int TRAILER_BYTES = 8;
    private static final int FLAG_HEADER_CRC = 2;
    private static final int FLAG_EXTRA = 4;
    private static final int FLAG_NAME = 8;
    private static final int FLAG_COMMENT = 16;

    /** Where the next byte belongs. */
    private enum Part {
        FIXED_HEADER("header"), EXTRA_LENGTH("header"), EXTRA("header extra field"), NAME("header file name"),
        COMMENT("header comment"), HEADER_CRC("header"), DEFLATE("compressed data"), TRAILER("trailer"), END("end");

        final String where;

        Part(String where) {
            this.where = where;
        }
    }

    private final StrictGzipReader.ChunkConsumer consumer;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] output = new byte[OUTPUT_SIZE];
    private final byte[] trailer = new byte[TRAILER_BYTES];
    private Part part = Part.FIXED_HEADER;
    /** Bytes of the current header/trailer part seen so far. */
    private int partPosition;
    private int flags;
    private int extraRemaining;
    private long total;

    StrictGzipInflater(StrictGzipReader.ChunkConsumer consumer) {
        this.consumer = consumer;
    }

    /** Feeds the next stored bytes; inflated bytes reach the consumer before this returns. */
    void update(byte[] buffer, int offset, int length) throws GzipFormatException {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            switch (part) {
                case DEFLATE -> position = inflate(buffer, position, end);
                case TRAILER -> position = trailer(buffer, position, end);
                case END -> throw new GzipFormatException(GzipFormatException.Kind.TRAILING_DATA,
                        "data follows the end of the gzip stream (at least " + (end - position) + " bytes)");
                default -> header(buffer[position++] & 0xff);
            }
        }
    }

    /**
     * Declares the end of the stored bytes.
     *
     * @return the number of uncompressed bytes
     * @throws GzipFormatException when the member is incomplete
     */
    long finish() throws GzipFormatException {
        if (part == Part.DEFLATE) {
            throw new GzipFormatException(GzipFormatException.Kind.TRUNCATED,
                    "gzip stream ends inside the compressed data after " + total + " uncompressed bytes");
        }
        if (part != Part.END) {
            throw new GzipFormatException(GzipFormatException.Kind.TRUNCATED, "gzip stream ends inside the " + part.where);
        }
        return total;
    }

    @Override
    public void close() {
        inflater.end();
    }

    private void header(int value) throws GzipFormatException {
        switch (part) {
            case FIXED_HEADER -> {
                if ((partPosition == 0 && value != 0x1f) || (partPosition == 1 && value != 0x8b)) {
                    throw new GzipFormatException(GzipFormatException.Kind.NOT_GZIP, "not gzip data (no 1f 8b magic number)");
                }
                if (partPosition == 2 && value != 8) {
                    throw new GzipFormatException(GzipFormatException.Kind.NOT_GZIP, "unsupported gzip compression method");
                }
                if (partPosition == 3) {
                    flags = value;
                }
                // bytes 4-9: modification time, extra flags, operating system
                if (++partPosition == FIXED_HEADER_BYTES) {
                    next(Part.EXTRA_LENGTH);
                }
            }
            case EXTRA_LENGTH -> {
                extraRemaining |= value << (8 * partPosition);
                if (++partPosition == 2) {
                    next(Part.EXTRA);
                }
            }
            case EXTRA -> {
                if (--extraRemaining == 0) {
                    next(Part.NAME);
                }
            }
            case NAME -> {
                if (value == 0) {
                    next(Part.COMMENT);
                }
            }
            case COMMENT -> {
                if (value == 0) {
                    next(Part.HEADER_CRC);
                }
            }
            case HEADER_CRC -> {
                if (++partPosition == 2) {
                    next(Part.DEFLATE);
                }
            }
            default -> throw new IllegalStateException(part.name());
        }
    }

    /** Moves on to {@code candidate}, or past it when the header flags say it is absent. */
    private void next(Part candidate) {
        partPosition = 0;
        part = candidate;
        if (part == Part.EXTRA_LENGTH && (flags & FLAG_EXTRA) == 0) {
            part = Part.NAME;
        }
        if (part == Part.EXTRA && extraRemaining == 0) {
            part = Part.NAME;
        }
        if (part == Part.NAME && (flags & FLAG_NAME) == 0) {
            part = Part.COMMENT;
        }
        if (part == Part.COMMENT && (flags & FLAG_COMMENT) == 0) {
            part = Part.HEADER_CRC;
        }
        if (part == Part.HEADER_CRC && (flags & FLAG_HEADER_CRC) == 0) {
            part = Part.DEFLATE;
        }
    }

    /** Inflates what the buffer holds; returns the position of the first byte after the deflate data, or end. */
    private int inflate(byte[] buffer, int position, int end) throws GzipFormatException {
        inflater.setInput(buffer, position, end - position);
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
                part = Part.TRAILER;
                partPosition = 0;
                return end - inflater.getRemaining();
            }
            if (inflater.needsDictionary()) {
                throw new GzipFormatException(GzipFormatException.Kind.CORRUPT, "deflate stream needs a preset dictionary");
            }
            if (inflater.needsInput()) {
                return end;
            }
        }
    }

    private int trailer(byte[] buffer, int position, int end) throws GzipFormatException {
        int taken = Math.min(TRAILER_BYTES - partPosition, end - position);
        System.arraycopy(buffer, position, trailer, partPosition, taken);
        partPosition += taken;
        if (partPosition == TRAILER_BYTES) {
            checkTrailer();
            part = Part.END;
        }
        return position + taken;
    }

    private void checkTrailer() throws GzipFormatException {
        long expectedCrc = littleEndian(0);
        long expectedSize = littleEndian(4);
        if (expectedCrc != crc.getValue()) {
            throw new GzipFormatException(GzipFormatException.Kind.CRC_MISMATCH,
                    String.format("gzip CRC-32 mismatch: trailer %08x, data %08x", expectedCrc, crc.getValue()));
        }
        if (expectedSize != (total & 0xffffffffL)) {
            throw new GzipFormatException(GzipFormatException.Kind.CORRUPT,
                    "gzip size mismatch: trailer " + expectedSize + ", data " + total);
        }
    }

    private long littleEndian(int from) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (long) (trailer[from + i] & 0xff) << (8 * i);
        }
        return value;
    }
}
