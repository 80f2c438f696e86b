package org.cloudtrailopensearch.loader.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * One log object to load: a CloudTrail log file (or digest file) on disk, in S3, or the stdin stream.
 *
 * @param name    how the object is named in messages and dead letters: a path, {@code s3://bucket/key} or
 *                {@code stdin}
 * @param key     the object's key relative to the source root, in S3 layout ({@code AWSLogs/...}); used to look
 *                up its integrity status
 * @param size    the stored (possibly compressed) size in bytes, -1 when unknown
 * @param version what changes when the object's content is replaced (S3: the ETag; a file: its modification
 *                time); with name and size it identifies this very content for checkpoints. {@code null} when the
 *                content cannot be identified (stdin): such an object is never treated as already loaded.
 */
public record LogObject(String name, String key, long size, String version, Opener opener) {

    /** An object without a version (it is always loaded, never checkpointed). */
    public LogObject(String name, String key, long size, Opener opener) {
        this(name, key, size, null, opener);
    }

    /** Opens the object's stored bytes; the caller closes the stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }

    /** True when the object can be recognised again in a later run (it has a version and a known size). */
    public boolean isIdentifiable() {
        return version != null && size >= 0;
    }

    /** CloudTrail writes digests under {@code .../CloudTrail-Digest/...}. */
    public boolean isDigest() {
        return key.contains("/CloudTrail-Digest/") || key.contains("_CloudTrail-Digest_");
    }
}
