package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The files that describe a planted incident, written next to {@code AWSLogs/}:
 * <ul>
 *   <li>{@value TrailGenerator#THREAT_INDICATORS_FILE}: {@code INDICATOR,SOURCE} lines (source
 *       {@value TrailGenerator#THREAT_FEED}), {@code #} comments; the indicators planted records carry, then
 *       decoys that match nothing in the trail;</li>
 *   <li>{@value TrailGenerator#ADMIN_USERS_FILE}: one user name per line;</li>
 *   <li>{@value TrailGenerator#PLANTED_EVENTS_FILE}: one JSON object per planted record, in event-time order:
 *       {@code eventID, eventName, eventSource, eventTime, awsRegion, recipientAccountId, scenario, logFile}
 *       (the key of the log file holding it), {@code userIdentityType}, {@code userName} (the identity's user
 *       name, or the role name for an assumed role), {@code sourceIPAddress}, {@code errorCode} (only when
 *       set) and {@code indicators} (the feed's indicators the record matches).</li>
 * </ul>
 */
final class IncidentFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentFiles() {
    }

    static void write(Incident incident, List<ChainWriter.Placement> placements, TrailSink sink) throws IOException {
        if (placements.size() != incident.planted().size()) {
            throw new IllegalStateException(placements.size() + " of " + incident.planted().size()
                    + " planted records were written");
        }
        sink.put(sink.prefix() + TrailGenerator.THREAT_INDICATORS_FILE, utf8(indicators(incident)), Map.of());
        sink.put(sink.prefix() + TrailGenerator.ADMIN_USERS_FILE,
                utf8(String.join("\n", incident.adminUsers()) + "\n"), Map.of());
        StringBuilder manifest = new StringBuilder();
        for (ChainWriter.Placement placement : placements.stream()
                .sorted(Comparator.comparingInt(p -> p.planted().sequence())).toList()) {
            manifest.append(JSON.writeValueAsString(manifestLine(placement))).append('\n');
        }
        sink.put(sink.prefix() + TrailGenerator.PLANTED_EVENTS_FILE, utf8(manifest.toString()), Map.of());
    }

    private static String indicators(Incident incident) {
        StringBuilder csv = new StringBuilder();
        csv.append("# Threat indicators of the trail generator's scripted incident: INDICATOR,SOURCE\n");
        csv.append("# carried by planted records:\n");
        for (String indicator : incident.indicators()) {
            csv.append(indicator).append(',').append(TrailGenerator.THREAT_FEED).append('\n');
        }
        csv.append("# decoys, matching nothing in the trail:\n");
        for (String decoy : incident.decoys()) {
            csv.append(decoy).append(',').append(TrailGenerator.THREAT_FEED).append('\n');
        }
        return csv.toString();
    }

    private static ObjectNode manifestLine(ChainWriter.Placement placement) {
        Incident.Planted planted = placement.planted();
        JsonNode record = planted.record();
        ObjectNode line = JSON.createObjectNode();
        for (String field : List.of("eventID", "eventName", "eventSource", "eventTime", "awsRegion", "recipientAccountId")) {
            line.set(field, record.get(field));
        }
        line.put("scenario", planted.scenario());
        line.put("logFile", placement.logKey());
        JsonNode identity = record.get("userIdentity");
        line.put("userIdentityType", identity.path("type").asText());
        String userName = identity.path("userName").asText(
                identity.at("/sessionContext/sessionIssuer/userName").asText(null));
        if (userName != null) {
            line.put("userName", userName);
        }
        line.set("sourceIPAddress", record.get("sourceIPAddress"));
        if (record.hasNonNull("errorCode")) {
            line.set("errorCode", record.get("errorCode"));
        }
        planted.indicators().forEach(line.putArray("indicators")::add);
        return line;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
