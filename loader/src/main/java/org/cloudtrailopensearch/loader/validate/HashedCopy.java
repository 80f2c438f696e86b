package org.cloudtrailopensearch.loader.validate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * Read-once integrity: one log object's stored bytes, downloaded (or read from disk) once, hashed as they stream in
 * and kept for the load to parse, so the verdict a document carries is the verdict of exactly the bytes it was
 * mapped from.
 *
 * <p>Why a copy and not a second download: validating the files first and reading them again to load them costs
 * every byte twice (on S3, twice the requests and the transfer), and an object replaced between the two reads
 * would be indexed with the verdict of the other bytes. Hashing while parsing is no way out either: the verdict is
 * known only at the end of the object, after its documents were sent, and {@code refuse} must send nothing of a
 * failing object. So the object is read once into this copy, judged, and then parsed from the copy. The copy stays
 * in memory up to {@code memoryLimit} (CloudTrail log files are a few MB; one per reader thread at a time) and goes
 * to a temporary file beyond that, deleted by {@link #close()}. With integrity off nothing is copied: objects are
 * streamed.
 */
public final class HashedCopy implements AutoCloseable {

    /** Default in-memory part of a copy: 32 MiB. */
    public static final int DEFAULT_MEMORY_LIMIT = 32 * 1024 * 1024;

    private final SpillBuffer bytes;
    private final LogFileHash hash;

    private HashedCopy(SpillBuffer bytes, LogFileHash hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    /**
     * Reads the object's stored bytes to the end once, hashing and keeping them.
     *
     * @throws IOException when the object cannot be opened or read to its end
     */
    public static HashedCopy of(LogObject object, int memoryLimit) throws IOException {
        SpillBuffer buffer = new SpillBuffer(memoryLimit);
        try (InputStream stored = object.open(); Tee tee = new Tee(stored, buffer)) {
            LogFileHash hash = LogFileHash.of(tee);
            tee.transferTo(OutputStream.nullOutputStream()); // whatever the hasher left unread belongs to the copy too
            return new HashedCopy(buffer, hash);
        } catch (IOException | RuntimeException e) {
            buffer.close();
            throw e;
        }
    }

    /** The hash of the stored bytes, with the validator's gzip strictness. */
    public LogFileHash hash() {
        return hash;
    }

    /** The stored bytes as they were read, from the start; the caller closes the stream. */
    public InputStream open() throws IOException {
        return bytes.open();
    }

    /** Stored bytes in the copy. */
    public long size() {
        return bytes.size();
    }

    /** True when the copy went to a temporary file. */
    public boolean spilled() {
        return bytes.spilled();
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }

    /** Copies every byte read through it into the buffer. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream copy;

        Tee(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] skipped = new byte[(int) Math.min(n, 8192)];
            int read = read(skipped, 0, skipped.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // the caller closes the stored stream
        }
    }
}
