package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Maps one CloudTrail record to one ECS document. Immutable and thread-safe: build it once, share it.
 *
 * <p>First version (foundation): the fields the end-to-end path needs. The full field set is issue #3.
 */
public final class CloudTrailMapper {

    public static final String ECS_VERSION = "8.11.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final int maxRecordBytes;

    private CloudTrailMapper(Builder builder) {
        this.maxRecordBytes = builder.maxRecordBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Maps a record given as raw JSON bytes (e.g. one line of NDJSON). */
    public MappingResult map(byte[] recordJson) {
        if (recordJson.length > maxRecordBytes) {
            return new MappingResult.Rejected(RejectionReason.TOO_LARGE,
                    "record is " + recordJson.length + " bytes, the limit is " + maxRecordBytes);
        }
        JsonNode record;
        try {
            record = JSON.readTree(recordJson);
        } catch (JsonProcessingException e) {
            return new MappingResult.Rejected(RejectionReason.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            return new MappingResult.Rejected(RejectionReason.MALFORMED_JSON, e.getMessage());
        }
        return map(record);
    }

    /** Maps a record given as a Jackson tree. The tree is not modified. */
    public MappingResult map(JsonNode record) {
        if (record == null || !record.isObject()) {
            return new MappingResult.Rejected(RejectionReason.NOT_CLOUDTRAIL, "record is not a JSON object");
        }
        if (!record.has("eventVersion") && !record.has("eventName")) {
            return new MappingResult.Rejected(RejectionReason.NOT_CLOUDTRAIL,
                    "object has neither eventVersion nor eventName");
        }
        JsonNode eventTime = record.get("eventTime");
        if (eventTime == null || eventTime.isNull()) {
            return new MappingResult.Rejected(RejectionReason.MISSING_EVENT_TIME, "eventTime is missing");
        }
        if (!eventTime.isTextual()) {
            return new MappingResult.Rejected(RejectionReason.WRONG_TYPE,
                    "eventTime: expected a string, found " + eventTime.getNodeType());
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(eventTime.asText());
        } catch (DateTimeParseException e) {
            return new MappingResult.Rejected(RejectionReason.INVALID_EVENT_TIME,
                    "eventTime: not an ISO-8601 instant: " + eventTime.asText());
        }
        JsonNode identity = record.path("userIdentity");
        if (!identity.isMissingNode() && !identity.isNull() && !identity.isObject()) {
            return new MappingResult.Rejected(RejectionReason.WRONG_TYPE,
                    "userIdentity: expected an object, found " + identity.getNodeType());
        }

        ObjectNode doc = NODES.objectNode();
        doc.put("@timestamp", timestamp.toString());
        doc.putObject("ecs").put("version", ECS_VERSION);
        ObjectNode event = doc.putObject("event");
        event.put("kind", "event");
        copyText(record, "eventName", event, "action");
        copyText(record, "eventSource", event, "provider");
        copyText(record, "eventID", event, "id");
        event.put("outcome", record.hasNonNull("errorCode") ? "failure" : "success");

        ObjectNode cloud = doc.putObject("cloud");
        cloud.put("provider", "aws");
        copyText(record, "awsRegion", cloud, "region");
        String account = firstText(identity.path("accountId"), record.path("recipientAccountId"));
        if (account != null) {
            cloud.putObject("account").put("id", account);
        }

        String userName = firstText(identity.path("sessionContext").path("sessionIssuer").path("userName"),
                identity.path("userName"));
        if (userName != null) {
            doc.putObject("user").put("name", userName);
        }

        String sourceAddress = firstText(record.path("sourceIPAddress"));
        if (sourceAddress != null) {
            ObjectNode source = doc.putObject("source");
            source.put("address", sourceAddress);
            if (looksLikeIp(sourceAddress)) {
                source.put("ip", sourceAddress);
            }
        }
        return new MappingResult.Mapped(doc);
    }

    private static boolean looksLikeIp(String value) {
        return value.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (value.contains(":") && value.matches("[0-9a-fA-F:.]+"));
    }

    private static void copyText(JsonNode from, String field, ObjectNode to, String target) {
        String value = firstText(from.path(field));
        if (value != null) {
            to.put(target, value);
        }
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.isValueNode() && !candidate.isNull() && !candidate.asText().isEmpty()) {
                return candidate.asText();
            }
        }
        return null;
    }

    /** Options for a {@link CloudTrailMapper}. */
    public static final class Builder {
        private int maxRecordBytes = 8 * 1024 * 1024;

        private Builder() {
        }

        /** Records larger than this (in bytes of JSON) are rejected as {@link RejectionReason#TOO_LARGE}. */
        public Builder maxRecordBytes(int maxRecordBytes) {
            if (maxRecordBytes <= 0) {
                throw new IllegalArgumentException("maxRecordBytes must be positive");
            }
            this.maxRecordBytes = maxRecordBytes;
            return this;
        }

        public CloudTrailMapper build() {
            return new CloudTrailMapper(this);
        }
    }
}
