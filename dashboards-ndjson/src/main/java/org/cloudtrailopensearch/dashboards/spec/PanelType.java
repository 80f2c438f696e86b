package org.cloudtrailopensearch.dashboards.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The kinds of panel a dashboard spec may ask for. Each is built from a standard OpenSearch Dashboards
 * visualization (or a saved search) that needs no plugin beyond a default OpenSearch Dashboards install.
 */
public enum PanelType {
    /** One number: the count of matching events, or the unique count of a field. */
    METRIC,
    /** Donut of the top values of {@code terms}. */
    PIE,
    /** Vertical bars of the top values of {@code terms} (optionally split by {@code split}). */
    BAR,
    /** Horizontal bars of the top values of {@code terms}. */
    HBAR,
    /** Stacked columns over time ({@code interval}), optionally one colour per value of {@code split}. */
    TIMELINE,
    /** Lines over time ({@code interval}), optionally one line per value of {@code split}. */
    LINE,
    /** Table of the top values of each {@code terms} field, nested in order. */
    TABLE,
    /** Tag cloud of the top values of {@code terms}. */
    TAGCLOUD,
    /** Coordinate map (geohash grid) of {@code source.geo.location}. */
    MAP,
    /** A saved search: the matching events themselves, newest first, with {@code columns}. */
    SEARCH,
    /** Table of the last 24 hours against the 24 hours before, by {@code terms}: Sumo's one-day time compare. */
    COMPARE,
    /** Hourly count with its trailing mean and mean + 3 standard deviations: Sumo's {@code outlier} operator. */
    OUTLIER;

    @JsonCreator
    static PanelType parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
