package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * The CloudTrail Insights events the scripted incident sets off, written where CloudTrail delivers them
 * ({@link TrailLayout#insightKey}): for each line of {@value #RESOURCE}, a Start and an End record in the documented
 * shape ({@code eventType: AwsCloudTrailInsight}, {@code eventCategory: Insight}, a {@code sharedEventID} joining
 * the two, {@code insightDetails} with {@code state}, {@code eventSource}, {@code eventName}, {@code insightType},
 * {@code errorCode} for error-rate insights, and {@code insightContext.statistics} / {@code attributions}).
 *
 * <p>The numbers come from the planted calls themselves: the insight spans the minutes from the first to just
 * after the last planted call of its scenario and API (error-rate insights: only the calls failing with its
 * error), its average is those calls per minute, and the attributions are the callers, agents and error codes
 * of those calls. Each record is delivered in a file of its own, five minutes after its event time. Digest files
 * do not name these files: CloudTrail documents its digests for the log files of the trail, and the validator
 * reports Insights files as not validated rather than missing from a digest.
 */
final class IncidentInsights {

    static final String RESOURCE = "incident-insights.tsv";

    /** Averages as CloudTrail writes them ({@code 0.0004}, not {@code 4E-4}). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final Duration DELIVERY_DELAY = Duration.ofMinutes(5);
    private static final String CALL_RATE = "ApiCallRateInsight";
    private static final String ERROR_RATE = "ApiErrorRateInsight";

    /** One line of the table. */
    record Definition(String insightType, String scenario, String eventSource, String eventName, String errorCode,
                      BigDecimal baselineAverage, int baselineDuration) {
    }

    private IncidentInsights() {
    }

    static List<Definition> bundled() {
        try (InputStream in = IncidentInsights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Definition> parse(List<String> lines) {
        List<Definition> definitions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 7 || !(columns[0].equals(CALL_RATE) || columns[0].equals(ERROR_RATE))
                    || columns[0].equals(ERROR_RATE) == columns[4].equals("-")) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + ": expected insightType, scenario,"
                        + " eventSource, eventName, errorCode (- for call-rate insights), baselineAverage,"
                        + " baselineDuration: " + line);
            }
            definitions.add(new Definition(columns[0], columns[1], columns[2], columns[3],
                    columns[4].equals("-") ? null : columns[4], new BigDecimal(columns[5]),
                    Integer.parseInt(columns[6])));
        }
        return definitions;
    }

    /** Writes the insights and returns how many records (one per file) were written. */
    static long write(Incident incident, List<Definition> definitions, TrailLayout layout, TrailSink sink, long seed)
            throws IOException {
        // A random source of its own: the rest of the trail is the same with or without insights.
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x1A51647L);
        long records = 0;
        for (Definition definition : definitions) {
            List<Incident.Planted> calls = incident.planted().stream()
                    .filter(p -> p.scenario().equals(definition.scenario()))
                    .filter(p -> p.record().path("eventSource").asText().equals(definition.eventSource())
                            && p.record().path("eventName").asText().equals(definition.eventName()))
                    .filter(p -> definition.errorCode() == null
                            || definition.errorCode().equals(p.record().path("errorCode").asText(null)))
                    .sorted(Comparator.comparing(Incident.Planted::eventTime))
                    .toList();
            if (calls.isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": no planted " + definition.eventName() + " call in "
                        + definition.scenario());
            }
            Instant start = calls.get(0).eventTime().truncatedTo(ChronoUnit.MINUTES);
            Instant end = calls.get(calls.size() - 1).eventTime().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            long minutes = Duration.between(start, end).toMinutes();
            String sharedEventId = EventFactory.uuid(random).toString();
            Incident.Planted first = calls.get(0);
            for (boolean ending : new boolean[] {false, true}) {
                Instant time = ending ? end : start;
                ObjectNode record = record(definition, calls, time, minutes, ending, sharedEventId,
                        EventFactory.uuid(random).toString(), first);
                String key = layout.insightKey(first.account(), first.chainRegion(), time.plus(DELIVERY_DELAY),
                        ChainWriter.uniqueString(random));
                ObjectNode file = JSON.createObjectNode();
                file.putArray("Records").add(record);
                sink.put(key, gzip(JSON.writeValueAsBytes(file)), Map.of());
                records++;
            }
        }
        return records;
    }

    private static ObjectNode record(Definition definition, List<Incident.Planted> calls, Instant time, long minutes,
                                     boolean ending, String sharedEventId, String eventId, Incident.Planted first) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "1.08");
        record.put("eventTime", time.toString());
        record.put("awsRegion", first.record().path("awsRegion").asText());
        record.put("eventID", eventId);
        record.put("eventType", "AwsCloudTrailInsight");
        record.put("recipientAccountId", first.account());
        record.put("sharedEventID", sharedEventId);
        ObjectNode details = record.putObject("insightDetails");
        details.put("state", ending ? "End" : "Start");
        details.put("eventSource", definition.eventSource());
        details.put("eventName", definition.eventName());
        details.put("insightType", definition.insightType());
        if (definition.errorCode() != null) {
            details.put("errorCode", definition.errorCode());
        }
        ObjectNode context = details.putObject("insightContext");
        ObjectNode statistics = context.putObject("statistics");
        statistics.putObject("baseline").put("average", definition.baselineAverage());
        statistics.putObject("insight").put("average", perMinute(calls.size(), minutes));
        if (ending) {
            statistics.put("insightDuration", minutes);
            statistics.put("baselineDuration", definition.baselineDuration());
        }
        ArrayNode attributions = context.putArray("attributions");
        attribution(attributions, "userIdentityArn", calls, c -> c.path("userIdentity").path("arn").asText("null"),
                minutes, definition.baselineAverage());
        attribution(attributions, "userAgent", calls, c -> c.path("userAgent").asText("null"), minutes,
                definition.baselineAverage());
        if (definition.errorCode() == null) {
            attribution(attributions, "errorCode", calls, c -> c.path("errorCode").asText("null"), minutes,
                    definition.baselineAverage());
        }
        record.put("eventCategory", "Insight");
        return record;
    }

    /**
     * One attribution: each value's calls per minute during the insight, the most frequent first; the baseline
     * side lists the usual value, which for the planted calls is unknown, so CloudTrail's "null" with the
     * baseline rate.
     */
    private static void attribution(ArrayNode attributions, String attribute, List<Incident.Planted> calls,
                                    Function<JsonNode, String> value, long minutes,
                                    BigDecimal baselineAverage) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        calls.forEach(c -> counts.merge(value.apply(c.record()), 1, Integer::sum));
        ObjectNode attribution = attributions.addObject();
        attribution.put("attribute", attribute);
        ArrayNode insight = attribution.putArray("insight");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> insight.addObject().put("value", e.getKey()).put("average", perMinute(e.getValue(), minutes)));
        attribution.putArray("baseline").addObject().put("value", "null").put("average", baselineAverage);
    }

    private static BigDecimal perMinute(int count, long minutes) {
        return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(minutes), 10, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
