package org.cloudtrailopensearch.loader.index;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type and read them: {@code 90s}, {@code 5m}, {@code 1m30s}, {@code 500ms}, or ISO-8601 {@code PT2M}. */
public final class HumanDuration {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|h|m|s|d))+");

    private HumanDuration() {
    }

    /** A bare number means seconds. */
    public static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(value.toUpperCase(Locale.ROOT)), text);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        if (!WHOLE.matcher(value).matches()) {
            throw invalid(text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    /** {@code 5m0s}, {@code 1h2m3s}, {@code 45s}, {@code 1.5s}, {@code 250ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + seconds + "s";
        }
        int tenths = duration.toMillisPart() / 100;
        return tenths == 0 ? seconds + "s" : seconds + "." + tenths + "s";
    }

    private static Duration nonNegative(Duration duration, String text) {
        if (duration.isNegative()) {
            throw invalid(text);
        }
        return duration;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a duration: '" + text + "' (examples: 90s, 5m, 1m30s, 500ms, PT2M)");
    }
}
