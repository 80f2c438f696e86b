package org.cloudtrailopensearch.loader.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * One log object to load: a CloudTrail log file (or digest file) on disk or in S3.
 *
 * @param name how the object is named in messages and dead letters: a path or {@code s3://bucket/key}
 * @param key  the object's key relative to the source root, in S3 layout ({@code AWSLogs/...}); used to look
 *             up its integrity status
 * @param size the stored (possibly compressed) size in bytes
 */
public record LogObject(String name, String key, long size, Opener opener) {

    /** Opens the object's stored bytes; the caller closes the stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }

    /** CloudTrail writes digests under {@code .../CloudTrail-Digest/...}. */
    public boolean isDigest() {
        return key.contains("/CloudTrail-Digest/") || key.contains("_CloudTrail-Digest_");
    }
}
