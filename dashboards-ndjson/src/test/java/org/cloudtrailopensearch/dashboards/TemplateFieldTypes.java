package org.cloudtrailopensearch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.cloudtrailopensearch.templates.ComponentTemplate;

/** The type of every field of the index template (components merged, aliases resolved to their target's type). */
final class TemplateFieldTypes {

    private static final Set<String> AGGREGATABLE = Set.of("keyword", "long", "integer", "short", "byte", "double",
            "float", "scaled_float", "date", "date_nanos", "ip", "boolean", "geo_point");
    private static final Set<String> SEARCHABLE_ONLY = Set.of("text", "match_only_text", "wildcard", "flat_object");

    private final Map<String, JsonNode> fields = new TreeMap<>();

    TemplateFieldTypes() {
        ObjectMapper json = new ObjectMapper();
        try {
            for (ComponentTemplate component : CloudTrailIndexTemplates.componentTemplates()) {
                add("", json.readTree(component.json()).path("template").path("mappings").path("properties"));
            }
            add("", json.readTree(CloudTrailIndexTemplates.indexTemplateJson()).path("template").path("mappings").path("properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String prefix, JsonNode properties) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = prefix + entry.getKey();
            JsonNode definition = entry.getValue();
            if (definition.has("properties")) {
                add(path + ".", definition.path("properties"));
            } else {
                fields.put(path, definition);
                definition.path("fields").fields().forEachRemaining(sub -> fields.put(path + "." + sub.getKey(), sub.getValue()));
            }
        }
    }

    /** The field's type, following an alias to its target; null when the template does not map it. */
    String type(String path) {
        JsonNode definition = fields.get(path);
        if (definition == null) {
            return null;
        }
        String type = definition.path("type").asText("object");
        return type.equals("alias") ? type(definition.path("path").asText()) : type;
    }

    boolean aggregatable(String path) {
        String type = type(path);
        return type != null && AGGREGATABLE.contains(type);
    }

    boolean searchable(String path) {
        String type = type(path);
        return type != null && (AGGREGATABLE.contains(type) || SEARCHABLE_ONLY.contains(type));
    }
}
