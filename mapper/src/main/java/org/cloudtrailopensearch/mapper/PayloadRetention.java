package org.cloudtrailopensearch.mapper;

/**
 * Which forms of the free-form payloads ({@code requestParameters}, {@code responseElements},
 * {@code additionalEventData}, {@code serviceEventDetails}) a document keeps. Mirrors the {@code retain}
 * setting of Elastic's integration: the payloads are stored several times over, and large estates trim them.
 */
public enum PayloadRetention {
    /** Java {@code Map.toString()} string forms and the structured {@code aws.cloudtrail.flattened.*} copies. */
    ALL,
    /** String forms only. */
    KEYWORD,
    /** Structured copies only. */
    FLATTENED,
    /** String forms plus a structured copy reduced to the handful of keys detection rules use. */
    MINIMAL,
    /** Neither form (digest and insight details are still kept). */
    NONE;

    public boolean keepsStrings() {
        return this == ALL || this == KEYWORD || this == MINIMAL;
    }

    boolean keepsFlattened() {
        return this == ALL || this == FLATTENED || this == MINIMAL;
    }
}
