package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Checks that a JSON object is a CloudTrail record with the JSON types CloudTrail writes, before any mapping
 * starts, so that a bad record is rejected with the path at fault instead of being half-mapped.
 */
final class RecordShape {

    static final Instant EARLIEST_TIME = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

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
        if (fields[TopField.EVENT_VERSION.ordinal()] == null && fields[TopField.EVENT_NAME.ordinal()] == null
                && fields[TopField.EVENT_SOURCE.ordinal()] == null) {
            throw new RecordRejectedException(RejectionReason.NOT_CLOUDTRAIL,
                    "$: an object with none of eventVersion, eventName, eventSource is not a CloudTrail record");
        }
        for (TopField field : TopField.all()) {
            JsonNode value = fields[field.ordinal()];
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
        requireBooleanOrNull(fields[TopField.READ_ONLY.ordinal()], "readOnly");
        JsonNode identity = fields[TopField.USER_IDENTITY.ordinal()];
        if (identity != null && identity.isObject()) {
            for (String field : IDENTITY_SCALARS) {
                requireScalar(identity, "userIdentity", field);
            }
            JsonNode session = identity.get("sessionContext");
            requireObjectOrNull(session, "userIdentity.sessionContext");
            if (session != null && session.isObject()) {
                requireBooleanOrNull(session.get("assumedRoot"), "userIdentity.sessionContext.assumedRoot");
                requireObjectOrNull(session.get("sessionIssuer"), "userIdentity.sessionContext.sessionIssuer");
                requireObjectOrNull(session.get("attributes"), "userIdentity.sessionContext.attributes");
            }
        }
        return eventTime(fields[TopField.EVENT_TIME.ordinal()]);
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
        requireAcceptedTime("eventTime", instant);
        return instant;
    }

    /**
     * Rejects a record time outside {@link #EARLIEST_TIME}..{@link #LATEST_TIME}. The bounds are fixed rather than
     * relative to today so that the same record maps the same way on any day (replays, test data, clock skew):
     * no AWS clock writes a time before the Unix epoch, and the monthly index names ({@code cloudtrail-yyyy.MM})
     * need a four-digit year ({@code +10000-01-01} would create {@code cloudtrail-+10000.01}).
     */
    static void requireAcceptedTime(String path, Instant time) {
        if (time.isBefore(EARLIEST_TIME) || time.isAfter(LATEST_TIME)) {
            throw new RecordRejectedException(RejectionReason.INVALID_EVENT_TIME,
                    path + ": " + time + " is outside the accepted range " + EARLIEST_TIME + " .. " + LATEST_TIME);
        }
    }

    /** CloudTrail writes a JSON boolean (or, in some exports, the text true/false): anything else is not a truth value. */
    private static void requireBooleanOrNull(JsonNode value, String path) {
        if (value == null || value.isNull() || value.isBoolean()) {
            return;
        }
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return;
        }
        throw new RecordRejectedException(RejectionReason.WRONG_TYPE, path + ": expected a boolean, found "
                + (value.isTextual() ? "\"" + value.textValue() + "\"" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
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
