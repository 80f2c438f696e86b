package org.cloudtrailopensearch.loader.report;

import java.util.Locale;

/** The stages a record passes through; a dead letter names the one where it stopped. */
public enum Stage {
    READ,
    MAP,
    VALIDATE,
    INDEX;

    /** The lower-case name dead-letter files and summaries use ({@code read}, {@code map}, ...). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
