package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The outcome of mapping one CloudTrail record: either a complete ECS document or a rejection with a
 * reason. A record is never half-mapped.
 */
public sealed interface MappingResult permits MappingResult.Mapped, MappingResult.Encoded, MappingResult.Rejected {

    /** A record that mapped completely. {@code document} is owned by the caller. */
    record Mapped(ObjectNode document) implements MappingResult {
    }

    /**
     * A record that mapped completely, given as the document's compact UTF-8 JSON ({@link CloudTrailMapper#encode}),
     * ready to be sent as it is.
     *
     * @param json      the document; owned by the caller
     * @param timestamp the document's {@code @timestamp}
     * @param eventId   CloudTrail's {@code eventID} ({@code event.id}), or null when the record has none (digests)
     */
    record Encoded(byte[] json, Instant timestamp, String eventId) implements MappingResult {
    }

    /**
     * A record the mapper refused, with a machine-readable reason and a message a person can act on
     * (it names the offending JSON path where there is one).
     */
    record Rejected(RejectionReason reason, String message) implements MappingResult {
        @Override
        public String toString() {
            return reason + ": " + message;
        }
    }
}
