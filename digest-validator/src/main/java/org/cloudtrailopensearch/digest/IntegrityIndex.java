package org.cloudtrailopensearch.digest;

import java.util.Map;
import java.util.Optional;

/**
 * Lookup from a log file to its integrity status, for consumers that validate before indexing.
 *
 * <p>Accepts a key relative to the source ({@code AWSLogs/...}), a full S3 key with prefix, an
 * {@code s3://bucket/key} URI or a local file path: everything from {@code AWSLogs/} onwards is the lookup key.
 */
public final class IntegrityIndex {

    private static final String LAYOUT_ROOT = "AWSLogs/";

    private final Map<String, LogFileResult> byKey;

    IntegrityIndex(Map<String, LogFileResult> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /** The status of a log file; {@link IntegrityStatus#NOT_VALIDATED} when the run did not cover it. */
    public IntegrityStatus statusOf(String keyOrPathOrUri) {
        return resultOf(keyOrPathOrUri).map(LogFileResult::integrity).orElse(IntegrityStatus.NOT_VALIDATED);
    }

    /** The full result (failures, digests naming it) for a log file, if the run covered it. */
    public Optional<LogFileResult> resultOf(String keyOrPathOrUri) {
        return normalize(keyOrPathOrUri).map(byKey::get);
    }

    /** Number of log files known to the index. */
    public int size() {
        return byKey.size();
    }

    /**
     * The lookup key of a log or digest file: everything from {@code AWSLogs/} onwards of a key, path or
     * {@code s3://} URI; empty when there is no {@code AWSLogs/} part.
     */
    public static Optional<String> normalize(String keyOrPathOrUri) {
        if (keyOrPathOrUri == null) {
            return Optional.empty();
        }
        String slashed = keyOrPathOrUri.replace('\\', '/');
        if (slashed.startsWith(LAYOUT_ROOT)) {
            return Optional.of(slashed);
        }
        int at = slashed.indexOf("/" + LAYOUT_ROOT);
        return at < 0 ? Optional.empty() : Optional.of(slashed.substring(at + 1));
    }
}
