package org.cloudtrailopensearch.mapper;

/** Why a record could not be mapped. Stable names: they appear in dead-letter files. */
public enum RejectionReason {
    /** The bytes are not valid JSON. */
    MALFORMED_JSON,
    /** Valid JSON, but not an object, or an object without the fields every CloudTrail record has. */
    NOT_CLOUDTRAIL,
    /** A CloudTrail event without {@code eventTime}. */
    MISSING_EVENT_TIME,
    /** {@code eventTime} (or a digest's end time) is not an ISO-8601 instant. */
    INVALID_EVENT_TIME,
    /** A field has a JSON type (or value shape) CloudTrail never writes there (e.g. {@code userIdentity} as a string). */
    WRONG_TYPE,
    /** The record is larger than the configured limit. */
    TOO_LARGE,
    /**
     * The mapper itself failed on this record (a bug or an input shape nobody anticipated). The record is
     * rejected rather than half-mapped; the message names the exception.
     */
    INTERNAL_ERROR
}
