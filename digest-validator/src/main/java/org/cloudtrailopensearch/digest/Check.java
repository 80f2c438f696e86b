package org.cloudtrailopensearch.digest;

/** The individual checks; a failure names exactly one of them. */
public enum Check {
    /** Digest object missing (link target or listed key). */
    DIGEST_NOT_FOUND("digest file not found"),
    /** The object exists but could not be read (permissions, network): nothing could be checked. */
    READ_ERROR("could not be read"),
    /** Digest is not one gzip member, not JSON, or lacks required fields. */
    DIGEST_FORMAT("invalid digest format"),
    /** {@code digestS3Bucket}/{@code digestS3Object} differ from where the digest was read. */
    DIGEST_LOCATION("digest has been moved from its original location"),
    /** No {@code signature} user metadata (S3) / sidecar entry (local). */
    SIGNATURE_METADATA("signature metadata missing"),
    /** Signature algorithm (metadata or {@code digestSignatureAlgorithm}) is not SHA256withRSA. */
    SIGNATURE_ALGORITHM("unsupported signature algorithm"),
    /** No public key with the digest's {@code digestPublicKeyFingerprint}. */
    PUBLIC_KEY("public key not found"),
    /** RSA SHA256withRSA verification over the data-signing string failed. */
    SIGNATURE("signature verification failed"),
    /** {@code previousDigestSignature} differs from the previous digest's signature metadata. */
    PREVIOUS_DIGEST_SIGNATURE("previousDigestSignature does not match the previous digest's signature"),
    /** {@code previousDigestHashValue} differs from SHA-256 of the previous digest's uncompressed bytes. */
    PREVIOUS_DIGEST_HASH("previousDigestHashValue does not match the previous digest"),
    /**
     * Reported on the older digest of a broken link: it fails its own checks and its bytes or signature differ
     * from the {@code previousDigestHashValue}/{@code previousDigestSignature} that the next digest (whose own
     * signature verifies) signed for it, so it was altered or replaced after the next digest was signed.
     */
    SUCCESSOR_LINK("does not match what the next digest signed for it"),
    /** {@code previousDigestS3Object} points outside the validated source. */
    PREVIOUS_DIGEST_LOCATION("previous digest lies outside the validated source"),
    /** Backfill digest without {@code backfill-generation-timestamp} metadata. */
    BACKFILL_METADATA("backfill-generation-timestamp metadata missing"),
    /** Log file named by a digest does not exist. */
    LOG_NOT_FOUND("log file not found"),
    /** SHA-256 of the uncompressed log differs from the digest's {@code hashValue}. */
    LOG_HASH("hash value doesn't match"),
    /** Log is not gzip, corrupt, or fails its gzip CRC / size. */
    LOG_GZIP_FORMAT("invalid gzip format"),
    /** Log's gzip stream ends early. */
    LOG_TRUNCATED("gzip stream truncated"),
    /** Bytes follow the log's gzip member. */
    LOG_TRAILING_DATA("data appended after the gzip stream"),
    /** A hash algorithm other than SHA-256 is named. */
    HASH_ALGORITHM("unsupported hash algorithm"),
    /** Log file present within the validated period but named by no digest. */
    NOT_IN_ANY_DIGEST("log file is not named by any digest");

    private final String description;

    Check(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
