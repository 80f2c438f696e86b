package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket and optional prefix. Credentials come from the SDK's default chain (environment, profile,
 * container or instance role) and are never read or logged here.
 */
public final class S3TrailSource implements TrailSource {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final boolean ownsClient;

    /** Uses a caller-managed client (not closed by {@link #close()}). */
    public S3TrailSource(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, false);
    }

    private S3TrailSource(S3Client s3, String bucket, String prefix, boolean ownsClient) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = normalizePrefix(prefix);
        this.ownsClient = ownsClient;
    }

    /**
     * Builds its own client: region from the default region chain (us-east-1 when none is configured; access
     * to buckets in other regions follows redirects), optional endpoint override for S3-compatible servers
     * (path-style addressing then).
     */
    public static S3TrailSource create(String bucket, String prefix, URI endpointOverride) {
        var builder = S3Client.builder().region(defaultRegion()).crossRegionAccessEnabled(true);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride).forcePathStyle(true);
        }
        return new S3TrailSource(builder.build(), bucket, prefix, true);
    }

    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            return Region.US_EAST_1;
        }
    }

    static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        String trimmed = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        return trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String locationOf(String key) {
        return "s3://" + bucket + "/" + prefix + key;
    }

    @Override
    public List<String> listChildren(String childPrefix) throws IOException {
        List<String> children = new ArrayList<>();
        String full = prefix + childPrefix;
        try {
            var pages = s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(full).delimiter("/").build());
            for (CommonPrefix common : pages.commonPrefixes()) {
                String name = common.prefix().substring(full.length());
                children.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            }
        } catch (SdkException e) {
            throw new IOException("cannot list s3://" + bucket + "/" + full + ": " + e.getMessage(), e);
        }
        return children;
    }

    @Override
    public List<ListedObject> listObjects(String childPrefix) throws IOException {
        List<ListedObject> objects = new ArrayList<>();
        String full = prefix + childPrefix;
        try {
            var pages = s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(full).build());
            for (S3Object object : pages.contents()) {
                objects.add(new ListedObject(object.key().substring(prefix.length()), object.size()));
            }
        } catch (SdkException e) {
            throw new IOException("cannot list s3://" + bucket + "/" + full + ": " + e.getMessage(), e);
        }
        return objects;
    }

    @Override
    public StoredObject open(String key) throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> body = s3.getObject(GetObjectRequest.builder()
                    .bucket(bucket).key(prefix + key).build());
            return new StoredObject(body, body.response().metadata());
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(locationOf(key));
        } catch (SdkException e) {
            throw new IOException("cannot read " + locationOf(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> keyOf(String s3Bucket, String s3Object) {
        // The bucket is deliberately not compared: a copied trail still resolves; the digest location check
        // (isAt) reports the move.
        if (s3Object == null || !s3Object.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.of(s3Object.substring(prefix.length()));
    }

    @Override
    public boolean isAt(String key, String s3Bucket, String s3Object) {
        return bucket.equals(s3Bucket) && (prefix + key).equals(s3Object);
    }

    @Override
    public String expectedLocation(String key) {
        return bucket + "/" + prefix + key;
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }
}
