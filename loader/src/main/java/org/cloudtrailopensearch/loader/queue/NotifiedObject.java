package org.cloudtrailopensearch.loader.queue;

/**
 * An object an S3 event notification says was created.
 *
 * @param key  the object's key, decoded (notifications sent straight to SQS or through SNS URL-encode it)
 * @param size the stored size from the notification, -1 when it gave none
 * @param eTag the ETag from the notification, null when it gave none
 */
public record NotifiedObject(String bucket, String key, long size, String eTag) {

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
