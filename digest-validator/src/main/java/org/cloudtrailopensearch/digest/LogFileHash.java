package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The hash of one stored log file as digest validation computes it: SHA-256 of the uncompressed content of
 * exactly one well-formed gzip member (CloudTrail's {@code hashValue}). A loader that hashes each log object while
 * it reads it judges the object by these bytes with {@link LogFileExpectations#judge}, so the verdict belongs to
 * the bytes it indexed.
 *
 * <p>A stream that is not one well-formed gzip member (truncated, corrupt, CRC or size mismatch, bytes or another
 * member after the first) gives a hash with a {@link #problem()} and no {@link #sha256Hex()}: validation
 * judges such a file {@code INVALID} whatever its digest says.
 */
public final class LogFileHash {

    private static final int DRAIN_BUFFER = 64 * 1024;

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

    /**
     * Reads {@code stored} (the object's bytes as stored, i.e. gzipped) to its end and hashes its uncompressed
     * content, with the validator's gzip strictness. Does not close the stream.
     *
     * @throws IOException only when reading the stream fails; malformed gzip data is a {@link #problem()}
     */
    public static LogFileHash of(InputStream stored) throws IOException {
        Objects.requireNonNull(stored, "stored");
        try {
            LogFileHasher.Hashed hashed = LogFileHasher.hash(stored);
            return new LogFileHash(hashed.sha256Hex(), hashed.uncompressedBytes(), null, null);
        } catch (GzipFormatException e) {
            drain(stored);
            return new LogFileHash(null, 0, e.kind(), e.getMessage());
        }
    }

    /** Reads what is left after a malformed member, so the caller's view of the stream ends where it ends. */
    private static void drain(InputStream stored) throws IOException {
        byte[] buffer = new byte[DRAIN_BUFFER];
        while (stored.read(buffer) >= 0) {
            // discard
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
    GzipFormatException.Kind problemKind() {
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
