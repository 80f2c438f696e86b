package org.cloudtrailopensearch.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery time of a log file: from its name ({@code <acct>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz},
 * minute precision), or, for files not named like CloudTrail's, the day of its {@code YYYY/MM/DD} folder.
 */
final class LogFileName {

    private static final Pattern NAME = Pattern.compile(
            "^(\\d{12})_CloudTrail_([a-z0-9-]+)_(\\d{8}T\\d{4}Z)_([A-Za-z0-9]+)\\.json\\.gz$");
    private static final Pattern DAY_FOLDER = Pattern.compile("/(\\d{4})/(\\d{2})/(\\d{2})/[^/]+$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");

    private LogFileName() {
    }

    /** Delivery minute when the name follows CloudTrail's pattern. */
    static Optional<Instant> deliveryMinute(String key) {
        Matcher matcher = NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(matcher.group(3), STAMP).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Start of the day folder the file sits in, if any. */
    static Optional<Instant> dayFolder(String key) {
        Matcher matcher = DAY_FOLDER.matcher(key);
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3))).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
