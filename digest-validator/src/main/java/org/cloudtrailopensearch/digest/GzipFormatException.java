package org.cloudtrailopensearch.digest;

import java.io.IOException;

/** A stored object is not exactly one well-formed gzip member. */
public final class GzipFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the gzip stream. */
    public enum Kind {
        /** The bytes do not start with the gzip magic number / deflate method. */
        NOT_GZIP,
        /** The stream ends before the deflate data or the 8-byte trailer is complete. */
        TRUNCATED,
        /** The deflate data is corrupt or the trailer size does not match. */
        CORRUPT,
        /** The trailer's CRC-32 does not match the inflated bytes. */
        CRC_MISMATCH,
        /** Bytes (or another gzip member) follow the first member: CloudTrail writes exactly one. */
        TRAILING_DATA
    }

    private final Kind kind;

    public GzipFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
