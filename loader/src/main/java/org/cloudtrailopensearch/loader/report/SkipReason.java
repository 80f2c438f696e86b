package org.cloudtrailopensearch.loader.report;

import org.cloudtrailopensearch.digest.IntegrityStatus;

/**
 * Why records were read but deliberately not indexed ({@code --verify-integrity refuse}: their log file is not
 * proven unaltered). Skipped records are not failures: a load that skips some still exits 0.
 */
public enum SkipReason {
    INTEGRITY_INVALID,
    INTEGRITY_DIGEST_INVALID,
    INTEGRITY_NOT_IN_ANY_DIGEST,
    INTEGRITY_NOT_FOUND,
    INTEGRITY_NOT_VALIDATED;

    /** The reason for a log file that {@code refuse} turns away. */
    public static SkipReason integrity(IntegrityStatus untrusted) {
        if (untrusted.isTrusted()) {
            throw new IllegalArgumentException(untrusted + " files are indexed, not skipped");
        }
        return valueOf("INTEGRITY_" + untrusted.name());
    }
}
