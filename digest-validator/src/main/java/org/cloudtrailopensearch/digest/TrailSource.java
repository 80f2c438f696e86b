package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Read access to a bucket-like tree holding CloudTrail's {@code AWSLogs/...} layout: an S3 bucket + prefix
 * or a local folder. Keys are relative to the root (they start with {@code AWSLogs/}) and use {@code /}.
 */
public interface TrailSource extends AutoCloseable {

    /** Human description, e.g. {@code s3://bucket/prefix/} or a folder path. */
    String describe();

    /** Where {@code key} lives, for reports ({@code s3://bucket/prefix/key} or a file path). */
    String locationOf(String key);

    /** Names of the immediate "sub-folders" below {@code prefix} (which ends with {@code /}). */
    List<String> listChildren(String prefix) throws IOException;

    /** All objects below {@code prefix}, recursively; excludes local metadata sidecars. */
    List<ListedObject> listObjects(String prefix) throws IOException;

    /** Opens an object for streaming, with its S3 user metadata. */
    StoredObject open(String key) throws IOException;

    /**
     * Maps an S3 location named inside a digest ({@code s3Bucket}/{@code s3Object}) to a key of this source,
     * or empty when the object lies outside it.
     */
    Optional<String> keyOf(String s3Bucket, String s3Object);

    /** Whether a digest read from {@code key} is where it claims to be ({@code digestS3Bucket}/{@code digestS3Object}). */
    boolean isAt(String key, String s3Bucket, String s3Object);

    /** Describes the location check for reports (what {@link #isAt} expected). */
    String expectedLocation(String key);

    @Override
    default void close() {
    }
}
