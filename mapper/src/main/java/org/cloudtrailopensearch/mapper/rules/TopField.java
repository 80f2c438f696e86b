package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The top-level fields of a CloudTrail record (event or digest) that the mapping reads, with the JSON type
 * CloudTrail writes for each: the rows of {@code top-fields.tsv}, in their order. A record's values are read into
 * an array indexed by {@link #index()} in one pass over its members ({@link #read}); the mapping rules then take a
 * field by index instead of looking its name up in the tree again (some fields are read by five sections, and most
 * names asked for are absent). The constants below are the fields the code itself reads; the rule tables reach the
 * others by name ({@link #named}).
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class TopField {

    /** The JSON type an event record must have at this field (checked by RecordShape; digests are not checked). */
    enum Shape { SCALAR, OBJECT, ANY }

    static final String TABLE = "top-fields.tsv";

    private static final Map<String, TopField> BY_NAME = new HashMap<>();
    private static final TopField[] ALL = load();

    static final TopField EVENT_VERSION = required("eventVersion");
    static final TopField EVENT_TIME = required("eventTime");
    static final TopField EVENT_SOURCE = required("eventSource");
    static final TopField EVENT_NAME = required("eventName");
    static final TopField EVENT_ID = required("eventID");
    static final TopField AWS_REGION = required("awsRegion");
    public static final TopField SOURCE_IP_ADDRESS = required("sourceIPAddress");
    public static final TopField USER_AGENT = required("userAgent");
    static final TopField ERROR_CODE = required("errorCode");
    static final TopField ERROR_MESSAGE = required("errorMessage");
    static final TopField RECIPIENT_ACCOUNT_ID = required("recipientAccountId");
    static final TopField AWS_ACCOUNT_ID = required("awsAccountId");
    static final TopField SHARED_EVENT_ID = required("sharedEventID");
    static final TopField SHARED_EVENT_ID_LOWER = required("sharedEventId");
    static final TopField READ_ONLY = required("readOnly");
    public static final TopField USER_IDENTITY = required("userIdentity");
    static final TopField TLS_DETAILS = required("tlsDetails");
    static final TopField ADDENDUM = required("addendum");
    static final TopField INSIGHT_DETAILS = required("insightDetails");
    public static final TopField RESOURCES = required("resources");
    public static final TopField REQUEST_PARAMETERS = required("requestParameters");
    static final TopField RESPONSE_ELEMENTS = required("responseElements");
    static final TopField ADDITIONAL_EVENT_DATA = required("additionalEventData");
    static final TopField SERVICE_EVENT_DETAILS = required("serviceEventDetails");
    static final TopField DIGEST_END_TIME = required("digestEndTime");
    static final TopField DIGEST_S3_OBJECT = required("digestS3Object");
    static final TopField DIGEST_PUBLIC_KEY_FINGERPRINT = required("digestPublicKeyFingerprint");
    static final TopField PUBLIC_KEY_FINGERPRINT = required("publicKeyFingerprint");
    static final TopField LOG_FILES = required("logFiles");

    final String jsonName;
    final Shape shape;
    private final int index;

    private TopField(String jsonName, Shape shape, int index) {
        this.jsonName = jsonName;
        this.shape = shape;
        this.index = index;
    }

    private static TopField[] load() {
        List<RuleTable.Row> rows = RuleTable.read(TABLE, 2);
        if (rows.size() > 64) {
            throw new IllegalStateException(TABLE + ": " + rows.size()
                    + " fields, at most 64 (field sets are kept as 64-bit masks: RecordParser, MappingContext)");
        }
        TopField[] fields = new TopField[rows.size()];
        for (int i = 0; i < fields.length; i++) {
            RuleTable.Row row = rows.get(i);
            Shape shape;
            try {
                shape = Shape.valueOf(row.column(1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw row.error("unknown shape " + row.column(1) + " (scalar, object or any)");
            }
            fields[i] = new TopField(row.column(0), shape, i);
            if (BY_NAME.put(row.column(0), fields[i]) != null) {
                throw row.error(row.column(0) + " is listed twice");
            }
        }
        return fields;
    }

    private static TopField required(String jsonName) {
        TopField field = BY_NAME.get(jsonName);
        if (field == null) {
            throw new IllegalStateException(TABLE + ": the mapping reads " + jsonName + ", which has no row");
        }
        return field;
    }

    /** This field's position in {@link #all()} and in the arrays {@link #read} returns. */
    public int index() {
        return index;
    }

    /** Every field, in table order; shared, not a copy: callers must not change it. */
    public static TopField[] all() {
        return ALL;
    }

    /** The field with this JSON name, or null when the mapping does not read it. */
    public static TopField named(String jsonName) {
        return BY_NAME.get(jsonName);
    }

    /** The record's value of every field, indexed by {@link #index()} (null where absent), in one pass over its members. */
    public static JsonNode[] read(JsonNode record) {
        JsonNode[] values = new JsonNode[ALL.length];
        for (Iterator<Map.Entry<String, JsonNode>> members = record.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            TopField field = BY_NAME.get(member.getKey());
            if (field != null) {
                values[field.index] = member.getValue();
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
