package org.cloudtrailopensearch.mapper;

/** Internal signal: the record cannot be mapped. Turned into {@link MappingResult.Rejected} at the API edge. */
final class RecordRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    RecordRejectedException(RejectionReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    RejectionReason reason() {
        return reason;
    }

    /** What the caller gets. */
    MappingResult.Rejected rejection() {
        return new MappingResult.Rejected(reason, getMessage());
    }

    static RecordRejectedException wrongType(String path, String expected, com.fasterxml.jackson.databind.JsonNode found) {
        return new RecordRejectedException(RejectionReason.WRONG_TYPE,
                path + ": expected " + expected + ", found " + found.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
}
