package org.cloudtrailopensearch.loader.validate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Bytes kept for reading back: in memory up to a limit, beyond it in a temporary file that {@link #close()}
 * deletes. Not thread-safe: one reader fills it, then reads it back.
 */
final class SpillBuffer extends OutputStream {

    private final int memoryLimit;
    private byte[] memory = new byte[64 * 1024];
    private int inMemory;
    private Path spillFile;
    private OutputStream spill;
    private long size;

    SpillBuffer(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        size += length;
        if (spill == null && inMemory + (long) length <= memoryLimit) {
            if (inMemory + length > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(memoryLimit, Math.max(inMemory + (long) length, 2L * memory.length)));
            }
            System.arraycopy(bytes, offset, memory, inMemory, length);
            inMemory += length;
            return;
        }
        if (spill == null) {
            spillFile = Files.createTempFile("cloudtrail-object-", ".stored");
            spill = Files.newOutputStream(spillFile);
            spill.write(memory, 0, inMemory);
            memory = null;
        }
        spill.write(bytes, offset, length);
    }

    /** Bytes written so far. */
    long size() {
        return size;
    }

    /** True once the bytes went to a temporary file. */
    boolean spilled() {
        return spillFile != null;
    }

    /** The bytes written, from the start; call after the last write. */
    InputStream open() throws IOException {
        if (spill == null) {
            return new ByteArrayInputStream(memory, 0, inMemory);
        }
        spill.flush();
        return Files.newInputStream(spillFile);
    }

    /** Frees the memory and deletes the temporary file. */
    @Override
    public void close() throws IOException {
        memory = null;
        if (spill != null) {
            spill.close();
            Files.deleteIfExists(spillFile);
        }
    }
}
