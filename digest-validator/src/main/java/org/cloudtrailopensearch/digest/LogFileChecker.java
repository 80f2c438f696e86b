package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Hashes the log files named by digests on a bounded pool, each file once even if several digests name it,
 * while the chain walks continue. Without hashing (chain-only validation) it only records what the digests
 * expect of each file.
 */
final class LogFileChecker {

    /** Outcome of reading one log file, before digest validity is folded in. */
    record Checked(String key, LogFileStatus status, String expectedSha256, String actualSha256, long uncompressedBytes,
                   List<Failure> failures) {
    }

    /** The first digest naming a file decides its expected hash, as when it is hashed. */
    private static final class Pending {
        final String expectedSha256;
        final String hashAlgorithm;
        /** False for a file named outside the source: no key of the source, never looked up. */
        final boolean inSource;
        final List<String> digestKeys = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Checked> outcome;
        volatile String location;

        Pending(String expectedSha256, String hashAlgorithm, boolean inSource) {
            this.expectedSha256 = expectedSha256;
            this.hashAlgorithm = hashAlgorithm;
            this.inSource = inSource;
        }
    }

    private final TrailSource source;
    private final ExecutorService pool;
    private final boolean hashLogFiles;
    private final Map<String, Pending> byKey = new ConcurrentHashMap<>();

    LogFileChecker(TrailSource source, ExecutorService pool, boolean hashLogFiles) {
        this.source = source;
        this.pool = pool;
        this.hashLogFiles = hashLogFiles;
    }

    /** Schedules the check of one {@code logFiles[]} entry; returns the key it resolves to within the source. */
    String submit(String s3Bucket, String s3Object, String expectedSha256, String hashAlgorithm, String digestKey) {
        String key = source.keyOf(s3Bucket, s3Object).orElse(null);
        if (key == null) {
            String outside = s3Bucket + "/" + s3Object;
            Pending pending = byKey.computeIfAbsent(outside, k -> new Pending(expectedSha256, hashAlgorithm, false));
            pending.digestKeys.add(digestKey);
            pending.location = "s3://" + outside;
            pending.outcome = CompletableFuture.completedFuture(new Checked(outside, LogFileStatus.NOT_FOUND,
                    expectedSha256, null, 0, List.of(Failure.of(Check.LOG_NOT_FOUND,
                            "named log lies outside the validated source " + source.describe()))));
            return outside;
        }
        boolean[] created = {false};
        Pending pending = byKey.computeIfAbsent(key, k -> {
            created[0] = true;
            return new Pending(expectedSha256, hashAlgorithm, true);
        });
        pending.digestKeys.add(digestKey);
        if (created[0]) {
            pending.location = source.locationOf(key);
            pending.outcome = hashLogFiles
                    ? CompletableFuture.supplyAsync(() -> check(key, expectedSha256, hashAlgorithm), pool)
                    : CompletableFuture.completedFuture(notHashed(key, expectedSha256, hashAlgorithm));
        }
        return key;
    }

    /** Keys already named by some digest. */
    Set<String> referencedKeys() {
        return byKey.keySet();
    }

    /** A file no bytes can make valid: its digest names a hash algorithm other than SHA-256; else null. */
    private static Checked unsupportedAlgorithm(String key, String expected, String algorithm) {
        if (algorithm != null && !DigestVerifier.HASH_ALGORITHM.equalsIgnoreCase(algorithm)) {
            return new Checked(key, LogFileStatus.INVALID, expected, null, 0, List.of(new Failure(Check.HASH_ALGORITHM,
                    DigestVerifier.HASH_ALGORITHM, algorithm, "hashAlgorithm named by the digest")));
        }
        return null;
    }

    /** Chain-only validation: what is known without the bytes. */
    private static Checked notHashed(String key, String expected, String algorithm) {
        Checked unsupported = unsupportedAlgorithm(key, expected, algorithm);
        return unsupported != null ? unsupported
                : new Checked(key, LogFileStatus.NOT_CHECKED, expected, null, 0, List.of());
    }

    private Checked check(String key, String expected, String algorithm) {
        Checked unsupported = unsupportedAlgorithm(key, expected, algorithm);
        if (unsupported != null) {
            return unsupported;
        }
        try (StoredObject object = source.open(key)) {
            return compare(key, expected, LogFileHasher.hash(object.body()));
        } catch (ObjectNotFoundException e) {
            return new Checked(key, LogFileStatus.NOT_FOUND, expected, null, 0,
                    List.of(Failure.of(Check.LOG_NOT_FOUND, e.getMessage())));
        } catch (IOException | RuntimeException e) {
            return new Checked(key, LogFileStatus.INVALID, expected, null, 0,
                    List.of(Failure.of(Check.READ_ERROR, String.valueOf(e.getMessage()))));
        }
    }

    /**
     * The outcome for a file whose stored bytes hashed to {@code hash}: the one rule both full validation and
     * {@link LogFileExpectations#judge} apply.
     */
    static Checked verdict(String key, String expected, String algorithm, LogFileHash hash) {
        Checked unsupported = unsupportedAlgorithm(key, expected, algorithm);
        return unsupported != null ? unsupported : compare(key, expected, hash);
    }

    private static Checked compare(String key, String expected, LogFileHash hash) {
        if (hash.problemKind() != null) {
            Check check = switch (hash.problemKind()) {
                case TRUNCATED -> Check.LOG_TRUNCATED;
                case TRAILING_DATA -> Check.LOG_TRAILING_DATA;
                default -> Check.LOG_GZIP_FORMAT;
            };
            return new Checked(key, LogFileStatus.INVALID, expected, null, 0, List.of(Failure.of(check, hash.problem())));
        }
        if (expected == null || !expected.equalsIgnoreCase(hash.sha256Hex())) {
            return new Checked(key, LogFileStatus.INVALID, expected, hash.sha256Hex(), hash.uncompressedBytes(),
                    List.of(new Failure(Check.LOG_HASH, expected, hash.sha256Hex(),
                            "SHA-256 of the uncompressed log differs from the digest's hashValue")));
        }
        return new Checked(key, LogFileStatus.VALID, expected, hash.sha256Hex(), hash.uncompressedBytes(), List.of());
    }

    /** Waits for every scheduled check; {@code digestStatus} tells which naming digests were valid. */
    List<LogFileResult> awaitAll(Map<String, DigestStatus> digestStatus) throws InterruptedException {
        List<LogFileResult> results = new ArrayList<>();
        for (Map.Entry<String, Pending> entry : byKey.entrySet()) {
            Checked checked;
            try {
                checked = entry.getValue().outcome.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("log check failed unexpectedly", e.getCause());
            }
            List<String> digests = List.copyOf(entry.getValue().digestKeys);
            results.add(new LogFileResult(checked.key(), entry.getValue().location, checked.status(),
                    integrityOf(checked.status(), allValid(digests, digestStatus)), digests, checked.expectedSha256(),
                    checked.actualSha256(), checked.uncompressedBytes(), checked.failures()));
        }
        return results;
    }

    /** What the digests expect of each named file in the source, by key; call once every chain is walked. */
    Map<String, LogFileExpectations.Named> expectations(Map<String, DigestStatus> digestStatus) {
        Map<String, LogFileExpectations.Named> named = new HashMap<>();
        byKey.forEach((key, pending) -> {
            if (pending.inSource) {
                List<String> digests = List.copyOf(pending.digestKeys);
                named.put(key, new LogFileExpectations.Named(pending.expectedSha256, pending.hashAlgorithm,
                        allValid(digests, digestStatus)));
            }
        });
        return named;
    }

    private static boolean allValid(List<String> digests, Map<String, DigestStatus> digestStatus) {
        return digests.stream().allMatch(d -> digestStatus.get(d) == DigestStatus.VALID);
    }

    /** A file's integrity from its own outcome and whether every digest naming it is valid. */
    static IntegrityStatus integrityOf(LogFileStatus status, boolean namingDigestsValid) {
        return switch (status) {
            case VALID -> namingDigestsValid ? IntegrityStatus.VALID : IntegrityStatus.DIGEST_INVALID;
            case INVALID -> IntegrityStatus.INVALID;
            case NOT_FOUND -> IntegrityStatus.NOT_FOUND;
            case UNREFERENCED -> IntegrityStatus.NOT_IN_ANY_DIGEST;
            case NOT_CHECKED -> IntegrityStatus.NOT_VALIDATED;
        };
    }
}
