package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.apache.commons.codec.binary.Hex;

/**
 * The hash of one stored log file as digest validation computes it: SHA-256 of the uncompressed content of
 * exactly one well-formed gzip member (CloudTrail's {@code hashValue}). A loader that hashes each log object while
 * it reads it judges the object by these bytes with {@link LogFileExpectations#judge}, so the verdict belongs to
 * the bytes it indexed.
 *
 * <p>{@link #of} reads a stream to its end; {@link #hashing} wraps the stream a reader already reads, so each
 * object is read once; {@link #hasher} takes the bytes pushed in.
 *
 * <p>A stream that is not one well-formed gzip member (truncated, corrupt, CRC or size mismatch, bytes or another
 * member after the first) gives a hash with a {@link #problem()} and no {@link #sha256Hex()}: validation
 * judges such a file {@code INVALID} whatever its digest says.
 */
public final class LogFileHash {

    private static final int READ_BUFFER = 64 * 1024;

    private final String sha256Hex;
    private final long uncompressedBytes;
    private final GzipFormatException.Kind problemKind;
    private final String problem;

    private LogFileHash(String sha256Hex, long uncompressedBytes, GzipFormatException.Kind problemKind, String problem) {
        this.sha256Hex = sha256Hex;
        this.uncompressedBytes = uncompressedBytes;
        this.problemKind = problemKind;
        this.problem = problem;
    }

    static LogFileHash computed(String sha256Hex, long uncompressedBytes) {
        return new LogFileHash(sha256Hex, uncompressedBytes, null, null);
    }

    static LogFileHash malformed(GzipFormatException problem) {
        return new LogFileHash(null, 0, problem.kind(), problem.getMessage());
    }

    /**
     * A hash computed earlier and kept (e.g. in a state file until the file's digest arrives): exactly what
     * {@link #sha256Hex()}, {@link #uncompressedBytes()}, {@link #problemKind()} and {@link #problem()} gave.
     */
    public static LogFileHash restore(String sha256Hex, long uncompressedBytes, GzipFormatException.Kind problemKind,
                                      String problem) {
        if ((sha256Hex == null) == (problemKind == null)) {
            throw new IllegalArgumentException("a hash has either a SHA-256 or a gzip problem");
        }
        return problemKind == null ? computed(sha256Hex, uncompressedBytes)
                : new LogFileHash(null, 0, problemKind, problem == null ? problemKind.name() : problem);
    }

    /**
     * Reads {@code stored} (the object's bytes as stored, i.e. gzipped) to its end and hashes its uncompressed
     * content, with the validator's gzip strictness. Does not close the stream.
     *
     * @throws IOException only when reading the stream fails; malformed gzip data is a {@link #problem()}
     */
    public static LogFileHash of(InputStream stored) throws IOException {
        Objects.requireNonNull(stored, "stored");
        Hasher hasher = new Hasher();
        byte[] buffer = new byte[READ_BUFFER];
        int read;
        while ((read = stored.read(buffer)) >= 0) {
            hasher.update(buffer, 0, read);
        }
        return hasher.finish();
    }

    /**
     * Hashes stored bytes pushed in as they pass by, for a reader that already reads the object: feed every stored
     * byte in order, then {@link Hasher#finish()}.
     */
    public static Hasher hasher() {
        return new Hasher();
    }

    /**
     * Wraps {@code stored} so the bytes a reader pulls through it are hashed on the way: read the object once, for
     * indexing and for its verdict. Call {@link HashingInputStream#finish()} when the reader is done (it reads what
     * the reader left), then close.
     */
    public static HashingInputStream hashing(InputStream stored) {
        return new HashingInputStream(Objects.requireNonNull(stored, "stored"));
    }

    /**
     * Incremental {@link LogFileHash}: the same strict gzip + SHA-256 as {@link #of}, fed chunk by chunk. Bytes after
     * a format problem are ignored (the verdict is already INVALID). Not thread-safe.
     */
    public static final class Hasher {
        private final MessageDigest sha256 = LogFileHasher.newSha256();
        private final StrictGzipInflater inflater = new StrictGzipInflater(sha256::update);
        private GzipFormatException problem;
        private LogFileHash result;

        private Hasher() {
        }

        /** Feeds the next stored bytes. */
        public void update(byte[] buffer, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (result != null) {
                throw new IllegalStateException("already finished");
            }
            if (problem != null || length == 0) {
                return;
            }
            try {
                inflater.update(buffer, offset, length);
            } catch (GzipFormatException e) {
                problem = e;
                inflater.close();
            }
        }

        /** Declares the end of the stored bytes and gives the hash; later calls give the same. */
        public LogFileHash finish() {
            if (result == null) {
                if (problem == null) {
                    try {
                        long size = inflater.finish();
                        result = computed(Hex.encodeHexString(sha256.digest()), size);
                    } catch (GzipFormatException e) {
                        problem = e;
                    }
                }
                if (problem != null) {
                    result = malformed(problem);
                }
                inflater.close();
            }
            return result;
        }
    }

    /**
     * A stored object's stream that hashes every byte read through it. {@link #finish()} reads the rest (a reader
     * may stop before the end, e.g. after the last record) and gives the hash of the whole object.
     */
    public static final class HashingInputStream extends InputStream {
        private final InputStream stored;
        private final Hasher hasher = new Hasher();
        private boolean ended;
        private boolean closed;

        private HashingInputStream(InputStream stored) {
            this.stored = stored;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return length == 0 ? 0 : -1;
            }
            int read = stored.read(buffer, offset, length);
            if (read < 0) {
                ended = true;
            } else {
                hasher.update(buffer, offset, read);
            }
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            // Skipped bytes must be hashed too.
            byte[] buffer = new byte[(int) Math.min(READ_BUFFER, Math.max(count, 1))];
            long skipped = 0;
            while (skipped < count) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return ended ? 0 : stored.available();
        }

        /**
         * Reads the rest of the stored bytes and gives the hash of the whole object.
         *
         * @throws IOException when reading fails, or the stream was closed before its end
         */
        public LogFileHash finish() throws IOException {
            if (!ended) {
                if (closed) {
                    throw new IOException("stored stream closed before it was read to its end: its hash is unknown");
                }
                byte[] buffer = new byte[READ_BUFFER];
                while (read(buffer, 0, buffer.length) >= 0) {
                    // hashed by read
                }
            }
            return hasher.finish();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            stored.close();
        }
    }

    /** Hex SHA-256 of the uncompressed content; null when the stored bytes are not one well-formed gzip member. */
    public String sha256Hex() {
        return sha256Hex;
    }

    /** Why no hash could be computed (a short reason, e.g. a truncated stream); null when the bytes are fine. */
    public String problem() {
        return problem;
    }

    /** Uncompressed bytes hashed; 0 when there is a {@link #problem()}. */
    public long uncompressedBytes() {
        return uncompressedBytes;
    }

    /** The kind of gzip problem, or null. */
    public GzipFormatException.Kind problemKind() {
        return problemKind;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogFileHash that && uncompressedBytes == that.uncompressedBytes
                && Objects.equals(sha256Hex, that.sha256Hex) && problemKind == that.problemKind
                && Objects.equals(problem, that.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sha256Hex, uncompressedBytes, problemKind, problem);
    }

    @Override
    public String toString() {
        return problem == null ? "LogFileHash[sha256=" + sha256Hex + ", " + uncompressedBytes + " bytes]"
                : "LogFileHash[problem=" + problem + "]";
    }
}
