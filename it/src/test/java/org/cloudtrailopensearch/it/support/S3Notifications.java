package org.cloudtrailopensearch.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * S3 event notification bodies as they arrive on a queue, in the three shapes AWS delivers them (see the loader's
 * {@code NotificationParserTest} case files for the documented examples these follow).
 */
public final class S3Notifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One created object. */
    public record Created(String bucket, String key, long size, String eTag) {
    }

    private S3Notifications() {
    }

    /** Straight from S3 to SQS: one record per object, keys URL-encoded as S3 does ({@code +} for a space). */
    public static String direct(List<Created> objects) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (Created object : objects) {
            ObjectNode record = records.addObject();
            record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "us-east-1")
                    .put("eventTime", "2026-01-05T10:15:02.123Z").put("eventName", "ObjectCreated:Put");
            record.putObject("userIdentity").put("principalId", "AWS:AROAEXAMPLE:regionalDeliverySession");
            ObjectNode s3 = record.putObject("s3");
            s3.put("s3SchemaVersion", "1.0").put("configurationId", "cloudtrail-to-sqs");
            s3.putObject("bucket").put("name", object.bucket()).put("arn", "arn:aws:s3:::" + object.bucket());
            s3.putObject("object").put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"))
                    .put("size", object.size()).put("eTag", object.eTag()).put("sequencer", "0055AED6DCD90281E5");
        }
        return root.toString();
    }

    /** Through an SNS topic subscribed by the queue (raw message delivery off): the S3 JSON as a string. */
    public static String throughSns(List<Created> objects) {
        ObjectNode root = JSON.createObjectNode();
        root.put("Type", "Notification").put("MessageId", java.util.UUID.randomUUID().toString())
                .put("TopicArn", "arn:aws:sns:us-east-1:111122223333:cloudtrail-objects")
                .put("Subject", "Amazon S3 Notification").put("Message", direct(objects))
                .put("Timestamp", "2026-01-05T10:15:03.215Z").put("SignatureVersion", "1").put("Signature", "EXAMPLE");
        return root.toString();
    }

    /** Through an EventBridge rule whose target is the queue: one object per event, the key as it is. */
    public static String eventBridge(Created object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "0").put("id", java.util.UUID.randomUUID().toString()).put("detail-type", "Object Created")
                .put("source", "aws.s3").put("account", "111122223333").put("time", "2026-01-05T10:15:02Z")
                .put("region", "us-east-1");
        root.putArray("resources").add("arn:aws:s3:::" + object.bucket());
        ObjectNode detail = root.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", object.bucket());
        detail.putObject("object").put("key", object.key()).put("size", object.size()).put("etag", object.eTag())
                .put("sequencer", "00617F08299329D189");
        detail.put("request-id", "N4N7GDK58NMKJ12R").put("requester", "cloudtrail.amazonaws.com").put("reason", "PutObject");
        return root.toString();
    }

    /** What S3 sends when a notification configuration is saved. */
    public static String testEvent(String bucket) {
        return "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-01-05T10:00:00.089Z\",\"Bucket\":\""
                + bucket + "\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"EXAMPLE\"}";
    }
}
