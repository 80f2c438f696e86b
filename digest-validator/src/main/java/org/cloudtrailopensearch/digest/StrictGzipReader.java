package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Inflates exactly one gzip member from a stream, chunk by chunk, without holding the object in memory: pulls the
 * stream through a {@link StrictGzipInflater}, which rejects anything after the first member and verifies the
 * trailer's CRC-32 and size.
 */
final class StrictGzipReader {

    /** Receives inflated bytes; the buffer is reused after the call returns. */
    @FunctionalInterface
    interface ChunkConsumer {
        void accept(byte[] buffer, int offset, int length);
    }

    private static final int BUFFER_SIZE = 64 * 1024;

    private StrictGzipReader() {
    }

    /**
     * Inflates {@code in} into {@code consumer}; returns the number of uncompressed bytes. Stops reading at the
     * first format error ({@link GzipFormatException}).
     */
    static long inflate(InputStream in, ChunkConsumer consumer) throws IOException {
        byte[] input = new byte[BUFFER_SIZE];
        try (StrictGzipInflater inflater = new StrictGzipInflater(consumer)) {
            int read;
            while ((read = in.read(input)) >= 0) {
                inflater.update(input, 0, read);
            }
            return inflater.finish();
        }
    }
}
