package org.cloudtrailopensearch.digest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One digest checked on its own by {@link SingleDigestVerifier}: readable, where it claims to be, signed by a known
 * key. Its link to the previous digest is checked separately ({@link #checkLink}), when both are known, in whatever
 * order they arrive. Immutable.
 *
 * @param key           everything from {@code AWSLogs/} onwards of the digest's object key (the chain's link key)
 * @param location      where it was read, for reports
 * @param chain         its chain (account, delivery region, trail); null when the file name is not a digest name
 * @param backfill      a {@code _backfill} digest (not part of the hourly chain)
 * @param startTime     {@code digestStartTime}, null when unreadable
 * @param endTime       {@code digestEndTime} (else from the file name), may be null
 * @param sha256        hex SHA-256 of the uncompressed bytes (what the next digest's previousDigestHashValue names),
 *                      null when unreadable
 * @param signature     the signature metadata, null when absent
 * @param failures      its own failed checks (format, location, key, signature): empty when it verifies
 * @param previous      what it signed about its predecessor; null for a chain's first digest (or when unreadable)
 * @param logFiles      the log files it names
 */
public record VerifiedDigest(String key, String location, ChainId chain, boolean backfill, Instant startTime,
                             Instant endTime, String sha256, String signature, List<Failure> failures,
                             Previous previous, List<NamedLogFile> logFiles) {

    public VerifiedDigest {
        Objects.requireNonNull(key, "key");
        failures = List.copyOf(failures);
        logFiles = List.copyOf(logFiles);
    }

    /** Whether the digest passed its own checks (the link to its predecessor aside). */
    public boolean ownChecksPassed() {
        return failures.isEmpty();
    }

    /**
     * What a digest signed about its predecessor.
     *
     * @param key           everything from {@code AWSLogs/} onwards of {@code previousDigestS3Object}
     * @param hashValue     {@code previousDigestHashValue}
     * @param hashAlgorithm {@code previousDigestHashAlgorithm}
     * @param signature     {@code previousDigestSignature}
     */
    public record Previous(String key, String hashValue, String hashAlgorithm, String signature) {
    }

    /**
     * One {@code logFiles[]} entry.
     *
     * @param key            everything from {@code AWSLogs/} onwards of {@code s3Object}
     * @param expectedSha256 {@code hashValue}
     * @param hashAlgorithm  {@code hashAlgorithm}
     */
    public record NamedLogFile(String key, String expectedSha256, String hashAlgorithm) {

        /**
         * The verdict on this file when its stored bytes hashed to {@code hash}: the rule full validation applies
         * ({@code VALID}, {@code INVALID}, or {@code DIGEST_INVALID} when the hash matches but a digest naming the
         * file failed).
         */
        public IntegrityStatus judge(LogFileHash hash, boolean namingDigestsValid) {
            Objects.requireNonNull(hash, "hash");
            return LogFileChecker.integrityOf(LogFileChecker.verdict(key, expectedSha256, hashAlgorithm, hash).status(),
                    namingDigestsValid);
        }
    }

    /**
     * The outcome of a link check: mismatches pinned on the newer digest (it signed a false claim) or on the older
     * one (it was altered or replaced after the newer one, valid on its own, was signed).
     */
    public record Link(List<Failure> onNewer, List<Failure> onOlder) {

        public Link {
            onNewer = List.copyOf(onNewer);
            onOlder = List.copyOf(onOlder);
        }

        public boolean intact() {
            return onNewer.isEmpty() && onOlder.isEmpty();
        }
    }

    /**
     * Checks the link from a newer digest to the older one it names, with the same rule as a full chain walk.
     *
     * @param claim                what the newer digest signed about the older one ({@link #previous()})
     * @param newerOwnChecksPassed whether the newer digest verifies on its own
     * @param newerLocation        the newer digest, for messages
     * @param olderSha256          the older digest's {@link #sha256()}
     * @param olderSignature       the older digest's {@link #signature()}
     * @param olderOwnChecksPassed whether the older digest verifies on its own
     * @param olderLocation        the older digest, for messages
     */
    public static Link checkLink(Previous claim, boolean newerOwnChecksPassed, String newerLocation, String olderSha256,
                                 String olderSignature, boolean olderOwnChecksPassed, String olderLocation) {
        DigestLink.Compared compared = DigestLink.compare(
                new DigestLink.Claim(claim.hashValue(), claim.hashAlgorithm(), claim.signature()),
                olderSha256, olderSignature, olderLocation);
        List<Failure> onNewer = new java.util.ArrayList<>();
        if (compared.unsupportedAlgorithm() != null) {
            onNewer.add(compared.unsupportedAlgorithm());
        }
        if (DigestLink.pinOnOlder(compared.mismatches(), newerOwnChecksPassed, olderOwnChecksPassed)) {
            return new Link(onNewer, DigestLink.successorLinkFailures(compared.mismatches(), newerLocation));
        }
        onNewer.addAll(compared.mismatches());
        return new Link(onNewer, List.of());
    }
}
