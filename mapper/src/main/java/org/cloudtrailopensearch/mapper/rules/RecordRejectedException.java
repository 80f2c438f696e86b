package org.cloudtrailopensearch.mapper.rules;

import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RejectionReason;

/**
 * Internal signal: the record cannot be mapped. Turned into {@link MappingResult.Rejected} at the API edge.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class RecordRejectedException extends RuntimeException {
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
    public MappingResult.Rejected rejection() {
        return new MappingResult.Rejected(reason, getMessage());
    }

    static RecordRejectedException wrongType(String path, String expected, com.fasterxml.jackson.databind.JsonNode found) {
        return new RecordRejectedException(RejectionReason.WRONG_TYPE,
                path + ": expected " + expected + ", found " + found.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
}
