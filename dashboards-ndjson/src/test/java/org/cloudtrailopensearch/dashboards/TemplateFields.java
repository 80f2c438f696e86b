package org.cloudtrailopensearch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.cloudtrailopensearch.templates.ComponentTemplate;

/**
 * The merged mapping of a {@code cloudtrail-*} index, as the tests of panels, monitors and rules need it: field path
 * to definition (components in order, then the index template's own mappings), aliases followed to their target.
 */
final class TemplateFields {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AGGREGATABLE = Set.of("keyword", "long", "integer", "short", "byte", "double",
            "float", "scaled_float", "date", "date_nanos", "ip", "boolean", "geo_point");
    private static final Set<String> SEARCHABLE_ONLY = Set.of("text", "match_only_text", "wildcard", "flat_object");

    private final Map<String, JsonNode> fields = new TreeMap<>();

    static TemplateFields ofIndexTemplate() throws IOException {
        TemplateFields merged = new TemplateFields();
        for (ComponentTemplate component : CloudTrailIndexTemplates.componentTemplates()) {
            merged.add("", JSON.readTree(component.json()).path("template").path("mappings").path("properties"));
        }
        merged.add("", JSON.readTree(CloudTrailIndexTemplates.indexTemplateJson())
                .path("template").path("mappings").path("properties"));
        return merged;
    }

    private void add(String prefix, JsonNode properties) {
        for (Map.Entry<String, JsonNode> entry : properties.properties()) {
            String path = prefix + entry.getKey();
            JsonNode definition = entry.getValue();
            String type = definition.path("type").asText("object");
            if (type.equals("object") || type.equals("nested")) {
                add(path + ".", definition.path("properties"));
            } else {
                fields.put(path, definition);
                for (Map.Entry<String, JsonNode> multi : definition.path("fields").properties()) {
                    fields.put(path + "." + multi.getKey(), multi.getValue());
                }
            }
        }
    }

    /** The definition at this path, following an alias to its target. */
    Optional<JsonNode> definition(String path) {
        JsonNode definition = fields.get(path);
        if (definition != null && definition.path("type").asText().equals("alias")) {
            definition = fields.get(definition.path("path").asText());
        }
        return Optional.ofNullable(definition);
    }

    Optional<String> type(String path) {
        return definition(path).map(d -> d.path("type").asText("object"));
    }

    boolean indexed(String path) {
        return definition(path).map(d -> d.path("index").asBoolean(true)).orElse(false);
    }

    /** Mapped with a type that terms, histograms, cardinality or geo aggregations can use. */
    boolean aggregatable(String path) {
        return type(path).filter(AGGREGATABLE::contains).isPresent();
    }

    /** Mapped with a type that a query can search. */
    boolean searchable(String path) {
        return type(path).filter(t -> AGGREGATABLE.contains(t) || SEARCHABLE_ONLY.contains(t)).isPresent() && indexed(path);
    }
}
