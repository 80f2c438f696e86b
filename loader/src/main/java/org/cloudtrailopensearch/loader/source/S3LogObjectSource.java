package org.cloudtrailopensearch.loader.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Log objects below a prefix of an S3 bucket, read through the AWS SDK v2. */
public final class S3LogObjectSource implements LogObjectSource {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3LogObjectSource(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3);
        this.bucket = Objects.requireNonNull(bucket);
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public Listing list() {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        List<LogObject> objects = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            if (LogObjectNames.holdsRecords(object.key())) {
                objects.add(toLogObject(object));
            }
        }
        objects.sort(Comparator.comparing(LogObject::key));
        return Listing.of(objects);
    }

    private LogObject toLogObject(S3Object object) {
        String key = object.key();
        String relativeKey = key.startsWith(prefix) ? key.substring(prefix.length()).replaceFirst("^/", "") : key;
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).build();
        return new LogObject("s3://" + bucket + "/" + key, relativeKey, object.size(), object.eTag(),
                () -> s3.getObject(get));
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
