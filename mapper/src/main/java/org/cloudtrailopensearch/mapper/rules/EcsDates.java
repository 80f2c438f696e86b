package org.cloudtrailopensearch.mapper.rules;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Date parsing and formatting with Elasticsearch's date-processor semantics (millisecond precision output).
 */
final class EcsDates {

    private static final DateTimeFormatter BASIC_NO_MILLIS = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssX");
    private static final DateTimeFormatter BASIC_MILLIS = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSX");
    private static final DateTimeFormatter ZONELESS = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private EcsDates() {
    }

    /**
     * Parses ISO-8601 (with or without offset; UTC assumed when absent, as CloudTrail writes every time in UTC).
     * Also takes the SQL form with a space instead of {@code T} ({@code 2024-01-02 03:04:05[.fff][Z|±hh:mm]}), in
     * which CloudTrail Lake query results and data-lake exports (Athena, Lake) give {@code eventTime}: those are UTC
     * too. Returns null when unparsable.
     */
    static Instant parseIso(String value) {
        Instant fast = parseCloudTrailForm(value);
        if (fast != null) {
            return fast;
        }
        if (value.length() > 11 && value.charAt(10) == ' ' && value.charAt(4) == '-' && value.charAt(7) == '-'
                && value.charAt(11) != ' ') {
            value = value.substring(0, 10) + 'T' + value.substring(11);
        }
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

    /**
     * The form CloudTrail writes almost always, {@code 2020-01-08T20:53:12Z}, parsed without java.time's general
     * (and comparatively slow) parser. Anything else returns null and goes the general way.
     */
    private static Instant parseCloudTrailForm(String v) {
        if (v.length() != 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
                || v.charAt(16) != ':' || v.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second);
    }

    private static int digits(String value, int start, int count) {
        int result = 0;
        for (int i = start; i < start + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    /** {@code 2020-01-08T20:53:12.000Z}: what Elasticsearch's date processor writes (always three fraction digits). */
    static String format(Instant instant) {
        return formatWithFraction(instant, instant.getNano() / 1_000_000, 3);
    }

    /** ISO-8601 UTC with all nine fraction digits, e.g. {@code 2021-11-11T01:02:03.123456789Z} ({@code event.created}). */
    static String formatNanos(Instant instant) {
        return formatWithFraction(instant, instant.getNano(), 9);
    }

    private static String formatWithFraction(Instant instant, int fraction, int fractionDigits) {
        long epochSecond = instant.getEpochSecond();
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return instant.truncatedTo(fractionDigits == 3 ? ChronoUnit.MILLIS : ChronoUnit.NANOS).toString();
        }
        char[] out = new char[21 + fractionDigits];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        put(out, 20, fraction, fractionDigits);
        out[20 + fractionDigits] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
