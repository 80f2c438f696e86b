package org.cloudtrailopensearch.loader.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Log objects below a prefix of an S3 bucket, read through the AWS SDK v2. With a {@link KeyLayoutFilter}, only
 * the key prefixes that can hold selected objects are listed ({@link LayoutPrefixes}), so objects outside the
 * selection are neither listed nor downloaded.
 */
public final class S3LogObjectSource implements LogObjectSource {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final KeyLayoutFilter filter;

    public S3LogObjectSource(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, KeyLayoutFilter.none());
    }

    /** @throws IllegalArgumentException when the filter restricts and the prefix points inside the key layout */
    public S3LogObjectSource(S3Client s3, String bucket, String prefix, KeyLayoutFilter filter) {
        this.s3 = Objects.requireNonNull(s3);
        this.bucket = Objects.requireNonNull(bucket);
        this.prefix = prefix == null ? "" : prefix;
        this.filter = Objects.requireNonNull(filter);
        if (!filter.isEmpty()) {
            LayoutPrefixes.trailRoot(this.prefix);
        }
    }

    @Override
    public Listing list() throws java.io.IOException {
        List<String> prefixes = filter.isEmpty() ? List.of(prefix)
                : LayoutPrefixes.compute(this::folders, LayoutPrefixes.trailRoot(prefix), filter);
        List<LogObject> objects = new ArrayList<>();
        List<Listing.SkippedObject> skipped = new ArrayList<>();
        for (String listed : prefixes) {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(listed).build();
            for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
                if (object.key().endsWith("/")) {
                    continue; // a folder marker (as the S3 console creates), not an object with content
                }
                String reason = LogObjectNames.skipReason(object.key(), object.size());
                if (reason == null) {
                    objects.add(toLogObject(object));
                } else {
                    skipped.add(new Listing.SkippedObject(uri(object.key()), reason));
                }
            }
        }
        objects.sort(Comparator.comparing(LogObject::key));
        skipped.sort(Comparator.comparing(Listing.SkippedObject::name));
        return new Listing(objects, skipped);
    }

    private List<String> folders(String parent) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(parent).delimiter("/")
                .build();
        List<String> names = new ArrayList<>();
        for (CommonPrefix folder : s3.listObjectsV2Paginator(request).commonPrefixes()) {
            String name = folder.prefix().substring(parent.length());
            names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
        }
        return names;
    }

    private LogObject toLogObject(S3Object object) {
        String key = object.key();
        String relativeKey = key.startsWith(prefix) ? key.substring(prefix.length()).replaceFirst("^/", "") : key;
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).build();
        return new LogObject(uri(key), relativeKey, object.size(), object.eTag(), () -> s3.getObject(get));
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
