package org.cloudtrailopensearch.loader.read;

import java.io.OutputStream;
import java.util.Arrays;

/** Collects bytes up to a cap and only counts the rest, so one huge record cannot exhaust memory. */
final class CappedBuffer extends OutputStream {

    private final int cap;
    private byte[] bytes = new byte[8192];
    private int stored;
    private long total;

    CappedBuffer(int cap) {
        this.cap = cap;
    }

    @Override
    public void write(int b) {
        total++;
        if (stored < cap) {
            ensureCapacity(stored + 1);
            bytes[stored++] = (byte) b;
        }
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        total += length;
        int kept = Math.min(length, cap - stored);
        if (kept > 0) {
            ensureCapacity(stored + kept);
            System.arraycopy(source, offset, bytes, stored, kept);
            stored += kept;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(cap, Math.max(needed, bytes.length * 2)));
        }
    }

    /** Forgets the last {@code count} bytes written. */
    void dropLast(int count) {
        total = Math.max(0, total - count);
        stored = (int) Math.min(stored, total);
    }

    /** Forgets trailing white space, when all of it is stored. */
    void trimTrailingWhitespace() {
        while (stored > 0 && stored == total && ByteBlocks.isWhitespace(bytes[stored - 1])) {
            stored--;
            total--;
        }
    }

    void reset() {
        stored = 0;
        total = 0;
    }

    boolean isEmpty() {
        return total == 0;
    }

    long total() {
        return total;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, stored);
    }

    /** True when only white space was collected. */
    boolean isBlank() {
        for (int i = 0; i < stored; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }
}
