package org.cloudtrailopensearch.digest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Working state of one digest during a chain walk. Link checks against the next-older digest add failures
 * after the digest's own checks, so this stays mutable until the chain is done.
 */
final class DigestRecord {

    final String key;
    final DigestName name;
    final List<Failure> failures = new ArrayList<>();
    boolean found = true;
    /** Parsed JSON, or null when missing/unreadable. */
    JsonNode json;
    /** Hex SHA-256 of the uncompressed digest bytes, or null when they could not be read. */
    String sha256;
    /** Signature from the object's metadata, or null. */
    String metadataSignature;
    Instant startTime;
    Instant endTime;
    int logFileCount;
    boolean chainStart;
    /**
     * Whether the digest passed its own checks (format, location, key, signature), before any link check with
     * its neighbours; set by the chain walk right after {@link DigestVerifier#verify}.
     */
    boolean ownChecksPassed;

    DigestRecord(String key, DigestName name) {
        this.key = key;
        this.name = name;
        this.endTime = name == null ? null : name.endTime();
    }

    boolean readable() {
        return found && json != null;
    }

    String text(String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    DigestStatus status() {
        if (!found) {
            return DigestStatus.NOT_FOUND;
        }
        return failures.isEmpty() ? DigestStatus.VALID : DigestStatus.INVALID;
    }

    DigestResult toResult(TrailSource source) {
        return new DigestResult(key, source.locationOf(key), status(), name != null && name.backfill(), chainStart,
                readable() && logFileCount == 0, startTime, endTime, logFileCount, failures);
    }
}
