package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The top-level fields of a CloudTrail record (event or digest) that the mapping reads, with the JSON type
 * CloudTrail writes for each. A record's values are read into an array indexed by these constants in one pass
 * over its members ({@link #read}); the mapping rules then take a field by index instead of looking its name up
 * in the tree again (some fields are read by five sections, and most names asked for are absent).
 */
enum TopField {
    EVENT_VERSION("eventVersion", Shape.SCALAR),
    EVENT_TIME("eventTime", Shape.ANY),
    EVENT_SOURCE("eventSource", Shape.SCALAR),
    EVENT_NAME("eventName", Shape.SCALAR),
    EVENT_ID("eventID", Shape.SCALAR),
    EVENT_TYPE("eventType", Shape.SCALAR),
    EVENT_CATEGORY("eventCategory", Shape.SCALAR),
    AWS_REGION("awsRegion", Shape.SCALAR),
    SOURCE_IP_ADDRESS("sourceIPAddress", Shape.SCALAR),
    USER_AGENT("userAgent", Shape.SCALAR),
    ERROR_CODE("errorCode", Shape.SCALAR),
    ERROR_MESSAGE("errorMessage", Shape.SCALAR),
    REQUEST_ID("requestID", Shape.SCALAR),
    RECIPIENT_ACCOUNT_ID("recipientAccountId", Shape.SCALAR),
    AWS_ACCOUNT_ID("awsAccountId", Shape.ANY),
    SHARED_EVENT_ID("sharedEventID", Shape.SCALAR),
    SHARED_EVENT_ID_LOWER("sharedEventId", Shape.ANY),
    VPC_ENDPOINT_ID("vpcEndpointId", Shape.SCALAR),
    VPC_ENDPOINT_ACCOUNT_ID("vpcEndpointAccountId", Shape.ANY),
    API_VERSION("apiVersion", Shape.SCALAR),
    READ_ONLY("readOnly", Shape.SCALAR),
    MANAGEMENT_EVENT("managementEvent", Shape.SCALAR),
    SESSION_CREDENTIAL_FROM_CONSOLE("sessionCredentialFromConsole", Shape.ANY),
    USER_IDENTITY("userIdentity", Shape.OBJECT),
    TLS_DETAILS("tlsDetails", Shape.OBJECT),
    ADDENDUM("addendum", Shape.OBJECT),
    INSIGHT_DETAILS("insightDetails", Shape.OBJECT),
    RESOURCES("resources", Shape.ANY),
    REQUEST_PARAMETERS("requestParameters", Shape.ANY),
    RESPONSE_ELEMENTS("responseElements", Shape.ANY),
    ADDITIONAL_EVENT_DATA("additionalEventData", Shape.ANY),
    SERVICE_EVENT_DETAILS("serviceEventDetails", Shape.ANY),
    // Digest files
    DIGEST_START_TIME("digestStartTime", Shape.ANY),
    DIGEST_END_TIME("digestEndTime", Shape.ANY),
    NEWEST_EVENT_TIME("newestEventTime", Shape.ANY),
    OLDEST_EVENT_TIME("oldestEventTime", Shape.ANY),
    DIGEST_S3_OBJECT("digestS3Object", Shape.ANY),
    DIGEST_S3_BUCKET("digestS3Bucket", Shape.ANY),
    DIGEST_SIGNATURE_ALGORITHM("digestSignatureAlgorithm", Shape.ANY),
    DIGEST_PUBLIC_KEY_FINGERPRINT("digestPublicKeyFingerprint", Shape.ANY),
    PUBLIC_KEY_FINGERPRINT("publicKeyFingerprint", Shape.ANY),
    PREVIOUS_DIGEST_S3_OBJECT("previousDigestS3Object", Shape.ANY),
    PREVIOUS_DIGEST_S3_BUCKET("previousDigestS3Bucket", Shape.ANY),
    PREVIOUS_DIGEST_SIGNATURE("previousDigestSignature", Shape.ANY),
    PREVIOUS_DIGEST_HASH_VALUE("previousDigestHashValue", Shape.ANY),
    PREVIOUS_DIGEST_HASH_ALGORITHM("previousDigestHashAlgorithm", Shape.ANY),
    LOG_FILES("logFiles", Shape.ANY);

    /** A top-level field copied as text to a field of the document. */
    record Rename(TopField from, String to) {
    }

    /** The JSON type an event record must have at this field (checked by RecordShape; digests are not checked). */
    enum Shape { SCALAR, OBJECT, ANY }

    private static final TopField[] ALL = values();
    private static final Map<String, TopField> BY_NAME = new HashMap<>();

    static {
        if (ALL.length > 64) {
            throw new AssertionError("field sets are kept as 64-bit masks (RecordParser, MappingContext)");
        }
        for (TopField field : ALL) {
            BY_NAME.put(field.jsonName, field);
        }
    }

    final String jsonName;
    final Shape shape;

    TopField(String jsonName, Shape shape) {
        this.jsonName = jsonName;
        this.shape = shape;
    }

    /** Every field, in declaration order; shared, not the copy {@code values()} makes per call: callers must not change it. */
    static TopField[] all() {
        return ALL;
    }

    /** The field with this JSON name, or null when the mapping does not read it. */
    static TopField named(String jsonName) {
        return BY_NAME.get(jsonName);
    }

    /** The record's value of every field, indexed by ordinal (null where absent), in one pass over its members. */
    static JsonNode[] read(JsonNode record) {
        JsonNode[] values = new JsonNode[ALL.length];
        for (Iterator<Map.Entry<String, JsonNode>> members = record.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            TopField field = BY_NAME.get(member.getKey());
            if (field != null) {
                values[field.ordinal()] = member.getValue();
            }
        }
        return values;
    }
}
