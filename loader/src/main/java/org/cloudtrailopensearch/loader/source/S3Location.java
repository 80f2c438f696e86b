package org.cloudtrailopensearch.loader.source;

import java.net.URI;

/** An {@code s3://bucket/prefix} argument. */
public record S3Location(String bucket, String prefix) {

    public static boolean isS3(String argument) {
        return argument.startsWith("s3://");
    }

    public static S3Location parse(String argument) {
        URI uri = URI.create(argument);
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an s3://bucket/prefix location: " + argument);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new S3Location(uri.getHost(), path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
