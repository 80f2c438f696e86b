package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scripted incident as data: the lines of {@code incident.ndjson} (a resource next to this class).
 *
 * <p>Blank lines and lines starting with {@code #} are skipped. Every other line is one JSON object of one of
 * three kinds:
 * <ul>
 *   <li>{@code {"define": {"name": "value", ...}}}: named values for {@code ${name}} placeholders (a value may
 *       itself hold placeholders);</li>
 *   <li>{@code {"indicators": [...], "decoys": [...]}}: the lines of {@code threat-indicators.csv} (values that
 *       planted records carry, and values that match nothing);</li>
 *   <li>a step: {@code {"scenario": TAG, "at": "MM:SS", "actor": KIND, "record": {...}}} with optional
 *       {@code "repeat": N} and {@code "every": SECONDS} (the step happens N times, SECONDS apart),
 *       {@code "credential"} ({@code session}: console or role session with a temporary key; {@code key}: the
 *       actor's long-term access key; {@code signin}: a ConsoleLogin; default {@code signin} for ConsoleLogin,
 *       {@code key} for {@code leaked}, else {@code session}), {@code "ip"} and {@code "agent"} (source address
 *       and user agent; default those of the planted sign-in that started the actor's console session, else the
 *       actor's usual ones), and {@code "mfa"} (whether the session is MFA-authenticated; default true for the
 *       admins, false otherwise). {@code record} is a partial CloudTrail record: at least
 *       {@code eventSource} and {@code eventName}, plus whatever the event needs
 *       ({@code requestParameters}, {@code responseElements}, {@code additionalEventData}, {@code errorCode},
 *       {@code errorMessage}, {@code resources}, {@code readOnly}, {@code managementEvent},
 *       {@code eventCategory}, ...). {@link Incident} adds the envelope.</li>
 * </ul>
 * Actor kinds: {@code root}, {@code admin}, {@code admin2}, {@code victim}, {@code leaked}, {@code role}
 * (see {@link Incident}). Placeholders are resolved by {@link Incident}.
 */
final class IncidentScript {

    /** The bundled script. */
    static final String RESOURCE = "incident.ndjson";

    static final Set<String> ACTOR_KINDS = Set.of("root", "admin", "admin2", "victim", "leaked", "role");
    static final Set<String> CREDENTIALS = Set.of("session", "key", "signin");
    private static final Set<String> STEP_FIELDS = Set.of("scenario", "at", "actor", "record", "repeat", "every",
            "credential", "ip", "agent", "mfa");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One scripted step.
     *
     * @param line       line number in the script (for messages)
     * @param scenario   scenario tag written to the planted-events manifest
     * @param atSeconds  seconds after the incident start of the first occurrence
     * @param repeat     number of occurrences
     * @param every      seconds between occurrences
     * @param actor      actor kind
     * @param credential credential kind, or null for the default
     * @param ip         source address template, or null for the actor's usual address
     * @param agent      user agent template, or null for the actor's usual agent
     * @param mfa        whether the session is MFA-authenticated, or null for the actor kind's default
     * @param record     the partial CloudTrail record
     */
    record Step(int line, String scenario, int atSeconds, int repeat, int every, String actor, String credential,
                String ip, String agent, Boolean mfa, ObjectNode record) {
    }

    private final Map<String, String> defines;
    private final List<String> indicators;
    private final List<String> decoys;
    private final List<Step> steps;

    private IncidentScript(Map<String, String> defines, List<String> indicators, List<String> decoys, List<Step> steps) {
        this.defines = Map.copyOf(defines);
        this.indicators = List.copyOf(indicators);
        this.decoys = List.copyOf(decoys);
        this.steps = List.copyOf(steps);
    }

    /** The bundled {@value #RESOURCE}. */
    static IncidentScript bundled() {
        try (InputStream in = IncidentScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IncidentScript parse(String text, String origin) {
        Map<String, String> defines = new LinkedHashMap<>();
        List<String> indicators = new ArrayList<>();
        List<String> decoys = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw error(origin, number, "not JSON: " + e.getOriginalMessage());
            }
            if (!node.isObject()) {
                throw error(origin, number, "not a JSON object");
            }
            if (node.has("define")) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.get("define").fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!field.getValue().isTextual()) {
                        throw error(origin, number, "define " + field.getKey() + " is not a string");
                    }
                    if (defines.put(field.getKey(), field.getValue().asText()) != null) {
                        throw error(origin, number, "define " + field.getKey() + " twice");
                    }
                }
            } else if (node.has("indicators") || node.has("decoys")) {
                addStrings(node.path("indicators"), indicators, origin, number);
                addStrings(node.path("decoys"), decoys, origin, number);
            } else {
                steps.add(step(node, origin, number));
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(origin + ": no steps");
        }
        return new IncidentScript(defines, indicators, decoys, steps);
    }

    private static Step step(JsonNode node, String origin, int line) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!STEP_FIELDS.contains(name)) {
                throw error(origin, line, "unknown step field " + name);
            }
        }
        String scenario = requiredText(node, "scenario", origin, line);
        String at = requiredText(node, "at", origin, line);
        if (!at.matches("[0-5]\\d:[0-5]\\d")) {
            throw error(origin, line, "at must be MM:SS within the hour: " + at);
        }
        int atSeconds = Integer.parseInt(at.substring(0, 2)) * 60 + Integer.parseInt(at.substring(3));
        int repeat = node.path("repeat").asInt(1);
        int every = node.path("every").asInt(0);
        if (repeat < 1 || every < 0 || (repeat > 1 && every < 1)) {
            throw error(origin, line, "repeat must be at least 1, every at least 1 when repeating");
        }
        if (atSeconds + (repeat - 1) * every >= 3600) {
            throw error(origin, line, "the last repetition falls outside the incident hour");
        }
        String actor = requiredText(node, "actor", origin, line);
        if (!ACTOR_KINDS.contains(actor)) {
            throw error(origin, line, "unknown actor " + actor + " (one of " + ACTOR_KINDS + ")");
        }
        String credential = node.hasNonNull("credential") ? node.get("credential").asText() : null;
        if (credential != null && !CREDENTIALS.contains(credential)) {
            throw error(origin, line, "unknown credential " + credential + " (one of " + CREDENTIALS + ")");
        }
        JsonNode record = node.get("record");
        if (record == null || !record.isObject() || !record.path("eventSource").isTextual()
                || !record.path("eventName").isTextual()) {
            throw error(origin, line, "record must be an object with eventSource and eventName");
        }
        Boolean mfa = node.hasNonNull("mfa") ? node.get("mfa").asBoolean() : null;
        return new Step(line, scenario, atSeconds, repeat, every, actor, credential,
                node.hasNonNull("ip") ? node.get("ip").asText() : null,
                node.hasNonNull("agent") ? node.get("agent").asText() : null, mfa, (ObjectNode) record);
    }

    private static String requiredText(JsonNode node, String field, String origin, int line) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw error(origin, line, "missing " + field);
        }
        return value.asText();
    }

    private static void addStrings(JsonNode array, List<String> target, String origin, int line) {
        if (array.isMissingNode()) {
            return;
        }
        if (!array.isArray()) {
            throw error(origin, line, "indicators and decoys must be arrays of strings");
        }
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw error(origin, line, "indicators and decoys must be arrays of strings");
            }
            target.add(value.asText());
        }
    }

    private static IllegalArgumentException error(String origin, int line, String message) {
        return new IllegalArgumentException(origin + ":" + line + ": " + message);
    }

    Map<String, String> defines() {
        return defines;
    }

    List<String> indicators() {
        return indicators;
    }

    List<String> decoys() {
        return decoys;
    }

    List<Step> steps() {
        return steps;
    }
}
