package org.cloudtrailopensearch.loader.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A stream read block by block into one array that the framers scan in place (no call per byte). Fields are
 * package-visible on purpose: the framers' inner loops work on {@code buffer[position..limit)} directly.
 */
final class ByteBlocks {

    private static final int BLOCK = 64 * 1024;

    private final InputStream in;
    byte[] buffer = new byte[BLOCK];
    /** Next byte to scan. */
    int position;
    /** End of the bytes read so far. */
    int limit;
    /** Offset in the file of {@code buffer[0]}. */
    private long offset;
    private boolean ended;

    ByteBlocks(InputStream in) {
        this.in = in;
    }

    /** Reads the next block once everything read is scanned; false at the end of the stream. */
    boolean refill() throws IOException {
        if (position < limit) {
            return true;
        }
        offset += limit;
        position = 0;
        limit = 0;
        return readMore();
    }

    /**
     * Makes up to {@code count} bytes from {@code position} on available without consuming them (for sniffing the
     * head of a file) and returns how many are.
     */
    int peek(int count) throws IOException {
        while (limit - position < count && !ended) {
            if (limit == buffer.length) {
                if (position > 0) {
                    System.arraycopy(buffer, position, buffer, 0, limit - position);
                    offset += position;
                    limit -= position;
                    position = 0;
                } else {
                    buffer = Arrays.copyOf(buffer, Math.max(count, buffer.length * 2));
                }
            }
            readMore();
        }
        return Math.min(count, limit - position);
    }

    /** True once the stream has no more bytes than those in the buffer. */
    boolean ended() {
        return ended;
    }

    /** Offset in the file of {@code buffer[index]}. */
    long offsetOf(int index) {
        return offset + index;
    }

    private boolean readMore() throws IOException {
        if (ended) {
            return false;
        }
        int read;
        do {
            read = in.read(buffer, limit, buffer.length - limit);
        } while (read == 0);
        if (read < 0) {
            ended = true;
            return false;
        }
        limit += read;
        return true;
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
