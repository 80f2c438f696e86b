package org.cloudtrailopensearch.loader.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads S3 event notifications in the three shapes they reach a queue in:
 * <ul>
 * <li>straight from S3: {@code {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{...}}]}},
 * the key URL-encoded ({@code +} for a space);</li>
 * <li>through an SNS topic: {@code {"Type":"Notification","Message":"<the S3 JSON as a string>",...}};</li>
 * <li>through EventBridge: {@code {"detail-type":"Object Created","source":"aws.s3","detail":{...}}}, the key as
 * it is.</li>
 * </ul>
 * Each created object is checked by {@link CloudTrailKeys}; what is not loaded is returned with its reason. Stateless.
 */
public final class NotificationParser {

    /** An event other than the creation of an object (e.g. ObjectRemoved), counted but not loaded. */
    public static final String NOT_OBJECT_CREATED = "NOT_OBJECT_CREATED";
    /** S3's test message, sent when a notification configuration is saved. */
    public static final String TEST_EVENT = "TEST_EVENT";

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationParser() {
    }

    public static Notification parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Notification.Unparseable("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Notification.Unparseable("not a JSON object");
        }
        if ("Notification".equals(root.path("Type").asText(null)) && root.path("Message").isTextual()) {
            return parse(root.path("Message").asText()); // SNS: the S3 notification is the message, as a string
        }
        if ("s3:TestEvent".equals(root.path("Event").asText(null))) {
            return new Notification.TestEvent();
        }
        if (root.has("detail-type") && root.has("detail")) {
            return eventBridge(root);
        }
        if (root.path("Records").isArray()) {
            return records(root.path("Records"));
        }
        return new Notification.Unparseable("neither S3 event records, an SNS notification nor an EventBridge event");
    }

    private static Notification records(JsonNode records) {
        List<NotifiedObject> objects = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (JsonNode record : records) {
            if (!"aws:s3".equals(record.path("eventSource").asText(null))) {
                return new Notification.Unparseable("a record whose eventSource is not aws:s3: "
                        + record.path("eventSource").asText("(none)"));
            }
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").asText(null);
            String encodedKey = s3.path("object").path("key").asText(null);
            if (bucket == null || encodedKey == null) {
                return new Notification.Unparseable("a record without s3.bucket.name or s3.object.key");
            }
            if (!record.path("eventName").asText("").startsWith("ObjectCreated:")) {
                ignored.add(NOT_OBJECT_CREATED);
                continue;
            }
            String key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
            add(new NotifiedObject(bucket, key, s3.path("object").path("size").asLong(-1),
                    s3.path("object").path("eTag").asText(null)), objects, ignored);
        }
        return new Notification.ObjectsCreated(objects, ignored);
    }

    private static Notification eventBridge(JsonNode event) {
        if (!"aws.s3".equals(event.path("source").asText(null))) {
            return new Notification.Unparseable("an EventBridge event whose source is not aws.s3: "
                    + event.path("source").asText("(none)"));
        }
        if (!"Object Created".equals(event.path("detail-type").asText())) {
            return new Notification.ObjectsCreated(List.of(), List.of(NOT_OBJECT_CREATED));
        }
        JsonNode detail = event.path("detail");
        String bucket = detail.path("bucket").path("name").asText(null);
        String key = detail.path("object").path("key").asText(null);
        if (bucket == null || key == null) {
            return new Notification.Unparseable("an EventBridge event without detail.bucket.name or detail.object.key");
        }
        List<NotifiedObject> objects = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        add(new NotifiedObject(bucket, key, detail.path("object").path("size").asLong(-1),
                detail.path("object").path("etag").asText(null)), objects, ignored);
        return new Notification.ObjectsCreated(objects, ignored);
    }

    private static void add(NotifiedObject object, List<NotifiedObject> objects, List<String> ignored) {
        String reason = CloudTrailKeys.ignoreReason(object.key(), object.size());
        if (reason == null) {
            objects.add(object);
        } else {
            ignored.add(reason);
        }
    }
}
