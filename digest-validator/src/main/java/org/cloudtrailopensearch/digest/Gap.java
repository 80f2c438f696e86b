package org.cloudtrailopensearch.digest;

import java.time.Instant;

/**
 * A period the chain does not cover.
 *
 * @param kind   why
 * @param from   end of the older covered period (null if unknown)
 * @param to     start of the newer covered period (null if unknown)
 * @param detail human explanation
 */
public record Gap(Kind kind, Instant from, Instant to, String detail) {

    public enum Kind {
        /**
         * A digest starts a new chain (all previousDigest fields null) although older digests exist: logging or
         * validation was stopped and restarted. Normal after StopLogging; not a failure by itself.
         */
        CHAIN_RESTARTED,
        /** The walk could not follow a link (previous digest missing or unreadable): digests are missing. */
        CHAIN_BROKEN
    }
}
