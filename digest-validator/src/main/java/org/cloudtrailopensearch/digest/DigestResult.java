package org.cloudtrailopensearch.digest;

import java.time.Instant;
import java.util.List;

/**
 * Outcome for one digest file.
 *
 * @param key            key relative to the source root
 * @param location       full location ({@code s3://...} or file path)
 * @param status         VALID, INVALID or NOT_FOUND
 * @param backfill       a {@code _backfill} digest
 * @param chainStart     first digest of a chain (previous fields null)
 * @param empty          names no log files (an hour without deliveries)
 * @param digestStartTime from the digest (null if unreadable)
 * @param digestEndTime  from the digest, else from the key name
 * @param logFileCount   number of log files named
 * @param failures       failed checks (empty when VALID)
 */
public record DigestResult(
        String key,
        String location,
        DigestStatus status,
        boolean backfill,
        boolean chainStart,
        boolean empty,
        Instant digestStartTime,
        Instant digestEndTime,
        int logFileCount,
        List<Failure> failures) {

    public DigestResult {
        failures = List.copyOf(failures);
    }
}
