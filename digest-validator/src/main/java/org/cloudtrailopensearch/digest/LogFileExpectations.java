package org.cloudtrailopensearch.digest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a validation run expects of each log file, for a reader that hashes each log object while it reads it
 * (read once): {@link #judge} gives exactly the {@link IntegrityStatus} full validation would give the file if its
 * stored bytes were the ones hashed. So the verdict belongs to the bytes read, even when an object changed after
 * the digests were validated.
 *
 * <pre>{@code
 * ValidationReport chain = DigestValidator.builder().source(source).publicKeys(keys)
 *         .hashLogFiles(false).build().validate();                   // digests only
 * LogFileExpectations expectations = chain.expectations();
 * LogFileHash hash = LogFileHash.of(storedBytes);                     // while reading the object
 * IntegrityStatus status = expectations.judge("s3://bucket/prefix/AWSLogs/.../x.json.gz", hash);
 * }</pre>
 *
 * Keys are normalised as by {@link IntegrityIndex}: everything from {@code AWSLogs/} onwards. Immutable and
 * thread-safe.
 */
public final class LogFileExpectations {

    /**
     * What the digests say about one named file: the first naming digest's hash and algorithm (as full validation
     * compares), and whether every digest naming it is valid.
     */
    record Named(String expectedSha256, String hashAlgorithm, boolean namingDigestsValid) {
    }

    private final Map<String, Named> named;
    private final Set<String> unreferenced;
    private final List<LogFolderCoverage> coverage;

    LogFileExpectations(Map<String, Named> named, Set<String> unreferenced, List<LogFolderCoverage> coverage) {
        this.named = Map.copyOf(named);
        this.unreferenced = Set.copyOf(unreferenced);
        this.coverage = List.copyOf(coverage);
    }

    /**
     * The verdict for a log file whose stored bytes hashed to {@code hash}: {@code VALID} (matches a fully valid
     * digest), {@code INVALID} (differs, or not one well-formed gzip member), {@code DIGEST_INVALID} (matches, but a
     * digest naming it failed), {@code NOT_IN_ANY_DIGEST} (in a validated account/region folder and period but named
     * by no digest; also when it appeared after the run listed the folder) or {@code NOT_VALIDATED} (outside what
     * the run covered).
     */
    public IntegrityStatus judge(String keyOrPathOrUri, LogFileHash hash) {
        Objects.requireNonNull(hash, "hash");
        Optional<String> normalized = IntegrityIndex.normalize(keyOrPathOrUri);
        if (normalized.isEmpty()) {
            return IntegrityStatus.NOT_VALIDATED;
        }
        String key = normalized.get();
        // A file both listed as unreferenced and named (only possible when a digest names a file of another
        // account/region folder) reads as unreferenced in the report too.
        if (unreferenced.contains(key)) {
            return IntegrityStatus.NOT_IN_ANY_DIGEST;
        }
        Named expected = named.get(key);
        if (expected != null) {
            LogFileStatus status = LogFileChecker.verdict(key, expected.expectedSha256(), expected.hashAlgorithm(), hash)
                    .status();
            return LogFileChecker.integrityOf(status, expected.namingDigestsValid());
        }
        for (LogFolderCoverage folder : coverage) {
            if (folder.covers(key)) {
                return IntegrityStatus.NOT_IN_ANY_DIGEST;
            }
        }
        return IntegrityStatus.NOT_VALIDATED;
    }

    /** The {@code hashValue} the digests name for a log file; empty when no digest names it (or names no hash). */
    public Optional<String> expectedSha256(String keyOrPathOrUri) {
        return IntegrityIndex.normalize(keyOrPathOrUri).map(named::get).map(Named::expectedSha256);
    }

    /** Number of log files the validated digests name. */
    public int namedCount() {
        return named.size();
    }
}
