package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Checks that a JSON object is a CloudTrail record with the JSON types CloudTrail writes, before any mapping
 * starts, so that a bad record is rejected with the path at fault instead of being half-mapped.
 */
final class RecordShape {

    /** Top-level fields that CloudTrail always writes as a scalar. */
    private static final String[] SCALAR_FIELDS = {
        "eventVersion", "eventSource", "eventName", "eventID", "eventType", "eventCategory", "awsRegion",
        "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "requestID", "recipientAccountId",
        "sharedEventID", "vpcEndpointId", "apiVersion", "readOnly", "managementEvent",
    };
    private static final String[] IDENTITY_SCALARS = {"type", "principalId", "arn", "accountId", "accessKeyId", "userName", "invokedBy"};
    private static final String[] OBJECT_FIELDS = {"userIdentity", "tlsDetails", "addendum", "insightDetails"};

    private RecordShape() {
    }

    static void requireObject(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new RecordRejectedException(RejectionReason.NOT_CLOUDTRAIL,
                    "$: expected a JSON object (one CloudTrail record), found "
                            + (record == null ? "nothing" : record.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** Validates an event record and returns its {@code eventTime}. */
    static Instant checkEvent(JsonNode record) {
        if (!record.has("eventVersion") && !record.has("eventName") && !record.has("eventSource")) {
            throw new RecordRejectedException(RejectionReason.NOT_CLOUDTRAIL,
                    "$: an object with none of eventVersion, eventName, eventSource is not a CloudTrail record");
        }
        for (String field : SCALAR_FIELDS) {
            requireScalar(record, field, field);
        }
        for (String field : OBJECT_FIELDS) {
            requireObjectOrNull(record.get(field), field);
        }
        JsonNode identity = record.get("userIdentity");
        if (identity != null && identity.isObject()) {
            for (String field : IDENTITY_SCALARS) {
                requireScalar(identity, field, "userIdentity." + field);
            }
            JsonNode session = identity.get("sessionContext");
            requireObjectOrNull(session, "userIdentity.sessionContext");
            if (session != null && session.isObject()) {
                requireObjectOrNull(session.get("sessionIssuer"), "userIdentity.sessionContext.sessionIssuer");
                requireObjectOrNull(session.get("attributes"), "userIdentity.sessionContext.attributes");
            }
        }
        return eventTime(record);
    }

    private static Instant eventTime(JsonNode record) {
        JsonNode eventTime = record.get("eventTime");
        if (eventTime == null || eventTime.isNull()) {
            throw new RecordRejectedException(RejectionReason.MISSING_EVENT_TIME, "eventTime: missing");
        }
        if (!eventTime.isTextual()) {
            throw RecordRejectedException.wrongType("eventTime", "a string", eventTime);
        }
        Instant instant = EcsDates.parseIso(eventTime.textValue());
        if (instant == null) {
            throw new RecordRejectedException(RejectionReason.INVALID_EVENT_TIME,
                    "eventTime: not an ISO-8601 date-time: " + eventTime.textValue());
        }
        return instant;
    }

    private static void requireScalar(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value != null && value.isContainerNode()) {
            throw RecordRejectedException.wrongType(path, "a string", value);
        }
    }

    private static void requireObjectOrNull(JsonNode value, String path) {
        if (value != null && !value.isNull() && !value.isObject()) {
            throw RecordRejectedException.wrongType(path, "an object", value);
        }
    }
}
