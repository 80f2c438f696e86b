package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Checks that a JSON object is a CloudTrail record with the JSON types CloudTrail writes, before any mapping
 * starts, so that a bad record is rejected with the path at fault instead of being half-mapped.
 */
final class RecordShape {

    private static final String[] IDENTITY_SCALARS = {"type", "principalId", "arn", "accountId", "accessKeyId", "userName", "invokedBy"};

    private RecordShape() {
    }

    static void requireObject(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new RecordRejectedException(RejectionReason.NOT_CLOUDTRAIL,
                    "$: expected a JSON object (one CloudTrail record), found "
                            + (record == null ? "nothing" : record.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /**
     * Validates an event record, given as its fields from {@link TopField#read}, against the JSON types CloudTrail
     * writes (see {@link TopField.Shape}), and returns its {@code eventTime}.
     */
    static Instant checkEvent(JsonNode[] fields) {
        if (fields[TopField.EVENT_VERSION.index()] == null && fields[TopField.EVENT_NAME.index()] == null
                && fields[TopField.EVENT_SOURCE.index()] == null) {
            throw new RecordRejectedException(RejectionReason.NOT_CLOUDTRAIL,
                    "$: an object with none of eventVersion, eventName, eventSource is not a CloudTrail record");
        }
        for (TopField field : TopField.all()) {
            JsonNode value = fields[field.index()];
            if (value == null) {
                continue;
            }
            if (field.shape == TopField.Shape.SCALAR && value.isContainerNode()) {
                throw RecordRejectedException.wrongType(field.jsonName, "a string", value);
            }
            if (field.shape == TopField.Shape.OBJECT) {
                requireObjectOrNull(value, field.jsonName);
            }
        }
        JsonNode identity = fields[TopField.USER_IDENTITY.index()];
        if (identity != null && identity.isObject()) {
            for (String field : IDENTITY_SCALARS) {
                requireScalar(identity, "userIdentity", field);
            }
            JsonNode session = identity.get("sessionContext");
            requireObjectOrNull(session, "userIdentity.sessionContext");
            if (session != null && session.isObject()) {
                requireObjectOrNull(session.get("sessionIssuer"), "userIdentity.sessionContext.sessionIssuer");
                requireObjectOrNull(session.get("attributes"), "userIdentity.sessionContext.attributes");
            }
        }
        return eventTime(fields[TopField.EVENT_TIME.index()]);
    }

    private static Instant eventTime(JsonNode eventTime) {
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

    private static void requireScalar(JsonNode parent, String parentPath, String field) {
        JsonNode value = parent.get(field);
        if (value != null && value.isContainerNode()) {
            throw RecordRejectedException.wrongType(parentPath + "." + field, "a string", value);
        }
    }

    private static void requireObjectOrNull(JsonNode value, String path) {
        if (value != null && !value.isNull() && !value.isObject()) {
            throw RecordRejectedException.wrongType(path, "an object", value);
        }
    }
}
