package org.cloudtrailopensearch.generator;

import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Puts objects into an S3 bucket below an optional prefix; signature metadata becomes S3 user metadata. */
public final class S3Sink implements TrailSink {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3Sink(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = normalizePrefix(prefix);
    }

    static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        String trimmed = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        return trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }

    @Override
    public void put(String key, byte[] bytes, Map<String, String> userMetadata) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .metadata(userMetadata)
                .build();
        s3.putObject(request, RequestBody.fromBytes(bytes));
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
