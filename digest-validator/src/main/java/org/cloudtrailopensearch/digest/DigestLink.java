package org.cloudtrailopensearch.digest;

import java.util.ArrayList;
import java.util.List;

/**
 * The link from a newer digest to the older one it names: what the newer digest signed about its predecessor
 * ({@code previousDigestHashValue}, {@code previousDigestSignature}) against the older digest's actual uncompressed
 * bytes and signature metadata. One rule for the chain walk and for incremental validation.
 */
final class DigestLink {

    /** What the newer digest signed about the older one. */
    record Claim(String hashValue, String hashAlgorithm, String signature) {
    }

    /**
     * @param unsupportedAlgorithm a {@code previousDigestHashAlgorithm} other than SHA-256 (a failure of the newer
     *                             digest itself), else null
     * @param mismatches           hash and signature differences, to be pinned on one of the two digests
     */
    record Compared(Failure unsupportedAlgorithm, List<Failure> mismatches) {
    }

    private DigestLink() {
    }

    /** {@code olderSha256}/{@code olderSignature} null: not known (unreadable, no metadata): not compared. */
    static Compared compare(Claim claim, String olderSha256, String olderSignature, String olderLocation) {
        Failure unsupported = null;
        List<Failure> mismatches = new ArrayList<>();
        if (olderSha256 != null) {
            if (claim.hashAlgorithm() != null && !DigestVerifier.HASH_ALGORITHM.equalsIgnoreCase(claim.hashAlgorithm())) {
                unsupported = new Failure(Check.HASH_ALGORITHM, DigestVerifier.HASH_ALGORITHM, claim.hashAlgorithm(),
                        "previousDigestHashAlgorithm");
            } else if (claim.hashValue() == null || !claim.hashValue().equalsIgnoreCase(olderSha256)) {
                mismatches.add(new Failure(Check.PREVIOUS_DIGEST_HASH, claim.hashValue(), olderSha256,
                        "SHA-256 of " + olderLocation + " (uncompressed) differs from previousDigestHashValue"));
            }
        }
        if (olderSignature != null
                && (claim.signature() == null || !claim.signature().equalsIgnoreCase(olderSignature.trim()))) {
            mismatches.add(new Failure(Check.PREVIOUS_DIGEST_SIGNATURE, claim.signature(), olderSignature,
                    "signature metadata of " + olderLocation + " differs from previousDigestSignature"));
        }
        return new Compared(unsupported, mismatches);
    }

    /**
     * Who a mismatch is pinned on follows from what the signatures prove: the newer digest's signature covers its
     * claim, so when the newer digest passes its own checks and the older does not, the older one was altered or
     * replaced after the newer one was signed. Otherwise the newer digest makes a false claim.
     */
    static boolean pinOnOlder(List<Failure> mismatches, boolean newerOwnChecksPassed, boolean olderOwnChecksPassed) {
        return !mismatches.isEmpty() && newerOwnChecksPassed && !olderOwnChecksPassed;
    }

    /** The failures reported on the older digest when the mismatches are pinned on it. */
    static List<Failure> successorLinkFailures(List<Failure> mismatches, String newerLocation) {
        List<Failure> failures = new ArrayList<>();
        for (Failure mismatch : mismatches) {
            String field = mismatch.check() == Check.PREVIOUS_DIGEST_HASH
                    ? "a previousDigestHashValue (expected) that differs from the SHA-256 of this digest's"
                            + " uncompressed bytes (actual)"
                    : "a previousDigestSignature (expected) that differs from this digest's signature metadata (actual)";
            failures.add(new Failure(Check.SUCCESSOR_LINK, mismatch.expected(), mismatch.actual(),
                    "the next digest " + newerLocation + ", whose own signature verifies, signed " + field
                            + ": this digest was altered or replaced after that digest was signed"));
        }
        return failures;
    }
}
