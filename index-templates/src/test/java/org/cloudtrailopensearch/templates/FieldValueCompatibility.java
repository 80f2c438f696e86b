package org.cloudtrailopensearch.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Whether OpenSearch would index a JSON value into a field of a given type without a mapping error. */
final class FieldValueCompatibility {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final DateTimeFormatter BASIC_DATE_TIME_NO_MILLIS =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssXXX");

    private FieldValueCompatibility() {
    }

    static boolean accepts(String type, JsonNode value) {
        return switch (type) {
            case "keyword", "wildcard", "constant_keyword" -> value.isTextual() || value.isNumber() || value.isBoolean();
            case "text", "match_only_text" -> value.isTextual() || value.isNumber();
            case "ip" -> value.isTextual() && isIp(value.asText());
            case "date", "date_nanos" -> value.isIntegralNumber() || (value.isTextual() && isDate(value.asText()));
            case "long", "integer", "short", "byte", "unsigned_long" ->
                    value.isIntegralNumber() || (value.isTextual() && value.asText().matches("-?\\d+"));
            case "double", "float", "half_float" -> value.isNumber()
                    || (value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?"));
            case "boolean" -> value.isBoolean() || (value.isTextual() && value.asText().matches("true|false"));
            case "geo_point" -> isGeoPoint(value);
            case "flat_object" -> true;
            // Writing to an alias is rejected ("Cannot write to a field alias").
            default -> false;
        };
    }

    private static boolean isIp(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || !IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            // A literal of only hex digits, colons and dots is parsed locally; no name lookup happens.
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isDate(String text) {
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException notIso) {
            try {
                OffsetDateTime.parse(text, BASIC_DATE_TIME_NO_MILLIS);
                return true;
            } catch (DateTimeParseException notBasic) {
                return false;
            }
        }
    }

    private static boolean isGeoPoint(JsonNode value) {
        if (value.isObject()) {
            return value.path("lat").isNumber() && value.path("lon").isNumber();
        }
        return value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?,\\s*-?\\d+(\\.\\d+)?");
    }
}
