package org.cloudtrailopensearch.digest;

import java.time.Instant;

/**
 * A period the chain does not cover, or covers only with a digest that cannot be verified.
 *
 * @param kind          why
 * @param from          end of the older covered period (null if unknown)
 * @param to            start of the newer covered period (null if unknown)
 * @param detail        human explanation
 * @param digestKey     the digest the break is pinned on (missing, unreadable or altered), if known
 * @param nextDigestKey the next newer digest, whose link to {@code digestKey} could not be followed or verified;
 *                      null when the walk started at {@code digestKey}
 */
public record Gap(Kind kind, Instant from, Instant to, String detail, String digestKey, String nextDigestKey) {

    public Gap(Kind kind, Instant from, Instant to, String detail) {
        this(kind, from, to, detail, null, null);
    }

    public enum Kind {
        /**
         * A digest starts a new chain (all previousDigest fields null) although older digests exist: logging or
         * validation was stopped and restarted. Normal after StopLogging; not a failure by itself.
         */
        CHAIN_RESTARTED,
        /**
         * The walk could not follow or verify a link: the previous digest is missing or unreadable, or it fails its
         * own checks and differs from what the next digest (valid on its own) signed for it. A failure.
         */
        CHAIN_BROKEN
    }
}
