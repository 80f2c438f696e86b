package org.cloudtrailopensearch.digest;

import java.util.List;

/**
 * Outcome for one log file.
 *
 * @param key               key relative to the source root
 * @param location          full location
 * @param status            VALID, INVALID, NOT_FOUND or UNREFERENCED
 * @param integrity         what a consumer should believe (also accounts for the naming digest's validity)
 * @param digestKeys        digests naming this file (empty when unreferenced)
 * @param expectedSha256    {@code hashValue} from the digest
 * @param actualSha256      SHA-256 of the uncompressed bytes (null if not computed)
 * @param uncompressedBytes bytes hashed (0 if not read)
 * @param failures          failed checks
 */
public record LogFileResult(
        String key,
        String location,
        LogFileStatus status,
        IntegrityStatus integrity,
        List<String> digestKeys,
        String expectedSha256,
        String actualSha256,
        long uncompressedBytes,
        List<Failure> failures) {

    public LogFileResult {
        digestKeys = List.copyOf(digestKeys);
        failures = List.copyOf(failures);
    }
}
