package org.cloudtrailopensearch.loader.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code POST /api/saved_objects/_import} answered. Dashboards answers HTTP 200 even when some objects
 * were not imported, so {@link #success()} and {@link #errors()} are what tell.
 *
 * @param success      the response's {@code success}: every object was imported
 * @param successCount the response's {@code successCount}
 * @param imported     the objects reported in {@code successResults}
 * @param errors       every per-object error, in the order Dashboards gave them
 */
public record ImportResult(boolean success, int successCount, List<SavedObjectRef> imported, List<ObjectError> errors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ImportResult {
        imported = List.copyOf(imported);
        errors = List.copyOf(errors);
    }

    /** A saved object named in the response. */
    public record SavedObjectRef(String type, String id, Optional<String> title) {
        @Override
        public String toString() {
            return type + "/" + id + title.map(t -> " \"" + t + "\"").orElse("");
        }
    }

    /**
     * One object Dashboards did not import.
     *
     * @param object    the object's type, id and title
     * @param errorType {@code error.type}: missing_references, conflict, ambiguous_conflict, unsupported_type, unknown
     * @param detail    what else the error says (missing references, message), or empty
     */
    public record ObjectError(SavedObjectRef object, String errorType, String detail) {
        /** One line: {@code type/id "title": error.type (detail)}. */
        public String describe() {
            return object + ": " + errorType + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /** Parses the JSON body of an HTTP 200 import response. */
    public static ImportResult parse(String body) throws DashboardsException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DashboardsException("the answer is not JSON, so not a saved-objects import response "
                    + "(is the URL the Dashboards base URL?): " + abbreviate(body));
        }
        if (root == null || !root.isObject() || !root.path("success").isBoolean()) {
            throw new DashboardsException("the answer has no \"success\" field, so it is not a saved-objects import "
                    + "response (is the URL the Dashboards base URL?): " + abbreviate(body));
        }
        List<SavedObjectRef> imported = new ArrayList<>();
        for (JsonNode result : root.path("successResults")) {
            imported.add(ref(result));
        }
        List<ObjectError> errors = new ArrayList<>();
        for (JsonNode error : root.path("errors")) {
            JsonNode cause = error.path("error");
            errors.add(new ObjectError(ref(error), cause.path("type").asText("unknown"), detail(cause)));
        }
        int successCount = root.path("successCount").asInt(imported.size());
        return new ImportResult(root.path("success").asBoolean(), successCount, imported, errors);
    }

    /** Objects in the request: imported plus failed. */
    public int attempted() {
        return successCount + errors.size();
    }

    private static SavedObjectRef ref(JsonNode object) {
        String title = text(object, "title");
        if (title == null) {
            title = text(object.path("meta"), "title");
        }
        return new SavedObjectRef(object.path("type").asText("?"), object.path("id").asText("?"), Optional.ofNullable(title));
    }

    private static String detail(JsonNode cause) {
        String type = cause.path("type").asText("");
        List<String> parts = new ArrayList<>();
        switch (type) {
            case "missing_references" -> {
                List<String> missing = new ArrayList<>();
                for (JsonNode reference : cause.path("references")) {
                    missing.add(reference.path("type").asText("?") + "/" + reference.path("id").asText("?"));
                }
                if (!missing.isEmpty()) {
                    parts.add("missing " + String.join(", ", missing));
                }
            }
            case "conflict" -> parts.add("an object with this id exists"
                    + (cause.hasNonNull("destinationId") ? " as " + cause.path("destinationId").asText() : ""));
            case "ambiguous_conflict" -> parts.add("several existing objects match");
            case "unsupported_type" -> parts.add("this Dashboards does not know the object type");
            default -> { }
        }
        String message = text(cause, "message");
        if (message != null) {
            parts.add(message);
        }
        if (cause.hasNonNull("statusCode")) {
            parts.add("status " + cause.path("statusCode").asText());
        }
        return String.join("; ", parts);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? value.asText() : null;
    }

    static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
