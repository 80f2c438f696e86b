package org.cloudtrailopensearch.generator;

import java.io.IOException;
import java.util.Map;

/** Where generated objects go: a local folder or an S3 bucket. Keys are S3 object keys. */
public interface TrailSink {

    /**
     * Stores one object.
     *
     * @param key          full object key (including any prefix)
     * @param bytes        the object's bytes exactly as stored (gzipped for logs and digests)
     * @param userMetadata S3 user metadata without the {@code x-amz-meta-} prefix; may be empty
     */
    void put(String key, byte[] bytes, Map<String, String> userMetadata) throws IOException;

    /** The bucket name digests refer to in {@code digestS3Bucket} / {@code s3Bucket}. */
    String bucket();

    /** The key prefix ({@code ""} or ending with {@code /}) in front of {@code AWSLogs/}. */
    String prefix();

    /** Human description of where the trail went, e.g. a path or an {@code s3://} URI. */
    String describe(String key);
}
