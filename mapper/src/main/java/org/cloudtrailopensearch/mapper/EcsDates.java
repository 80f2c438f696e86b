package org.cloudtrailopensearch.mapper;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Date parsing and formatting with Elasticsearch's date-processor semantics (millisecond precision output). */
final class EcsDates {

    private static final DateTimeFormatter BASIC_NO_MILLIS = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssX");
    private static final DateTimeFormatter BASIC_MILLIS = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSX");
    private static final DateTimeFormatter ZONELESS = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private EcsDates() {
    }

    /** Parses ISO-8601 (with or without offset; UTC assumed when absent). Returns null when unparsable. */
    static Instant parseIso(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value, ZONELESS).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    return null;
                }
            }
        }
    }

    /** ISO-8601 or the compact {@code 20131102T010628Z} form seen in older session contexts. */
    static Instant parseIsoOrBasic(String value) {
        Instant iso = parseIso(value);
        if (iso != null) {
            return iso;
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {BASIC_NO_MILLIS, BASIC_MILLIS}) {
            try {
                return OffsetDateTime.parse(value, format).toInstant();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return null;
    }

    /** {@code 2020-01-08T20:53:12.000Z}: what Elasticsearch's date processor writes. */
    static String format(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        String text = millis.toString();
        // Instant.toString drops zero fractions; Elasticsearch always prints three digits.
        int dot = text.indexOf('.', 10);
        if (dot < 0) {
            return text.substring(0, text.length() - 1) + ".000Z";
        }
        int fractionDigits = text.length() - 2 - dot;
        return fractionDigits == 3 ? text : text.substring(0, text.length() - 1) + "000".substring(fractionDigits) + "Z";
    }
}
