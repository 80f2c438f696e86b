package org.cloudtrailopensearch.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mapping an index matching {@code cloudtrail-*} ends up with: the component templates merged in
 * {@code composed_of} order, then the index template's own mappings, the way OpenSearch composes them.
 */
final class MergedMapping {

    private final Map<String, JsonNode> fields = new TreeMap<>();
    private final Set<String> multiFields = new TreeSet<>();
    private final Set<String> objects = new TreeSet<>();
    private final List<String> conflicts = new ArrayList<>();

    static MergedMapping ofIndexTemplate() {
        MergedMapping merged = new MergedMapping();
        for (ComponentTemplate component : CloudTrailIndexTemplates.componentTemplates()) {
            merged.add(component.name(), TemplateResources.parse(component.json(), component.name())
                    .path("template").path("mappings"));
        }
        merged.add(CloudTrailIndexTemplates.indexTemplateName(),
                TemplateResources.parse(CloudTrailIndexTemplates.indexTemplateJson(), "index template")
                        .path("template").path("mappings"));
        return merged;
    }

    private void add(String origin, JsonNode mappings) {
        addProperties(origin, "", mappings.path("properties"));
    }

    private void addProperties(String origin, String prefix, JsonNode properties) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = prefix + entry.getKey();
            JsonNode definition = entry.getValue();
            if (isObjectDefinition(definition)) {
                if (fields.containsKey(path)) {
                    conflicts.add(origin + ": [" + path + "] is an object here and a field elsewhere");
                }
                objects.add(path);
                addProperties(origin, path + ".", definition.path("properties"));
            } else {
                addField(origin, path, definition);
            }
        }
    }

    private void addField(String origin, String path, JsonNode definition) {
        JsonNode previous = fields.get(path);
        if (objects.contains(path) || (previous != null && !previous.equals(definition))) {
            conflicts.add(origin + ": [" + path + "] is defined twice, differently");
        }
        fields.put(path, definition);
        for (Iterator<Map.Entry<String, JsonNode>> it = definition.path("fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> sub = it.next();
            String subPath = path + "." + sub.getKey();
            fields.put(subPath, sub.getValue());
            multiFields.add(subPath);
        }
    }

    private static boolean isObjectDefinition(JsonNode definition) {
        String type = definition.path("type").asText("object");
        return type.equals("object") || type.equals("nested");
    }

    /** The leaf or multi-field mapped at exactly this path. */
    Optional<JsonNode> field(String path) {
        return Optional.ofNullable(fields.get(path));
    }

    String typeOf(String path) {
        return field(path).map(f -> f.path("type").asText()).orElse(null);
    }

    boolean isObject(String path) {
        return objects.contains(path);
    }

    boolean isMultiField(String path) {
        return multiFields.contains(path);
    }

    /** The flat_object field this path is, or lies under, if any. */
    Optional<String> flatObjectCovering(String path) {
        for (String candidate = path; ; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if ("flat_object".equals(typeOf(candidate))) {
                return Optional.of(candidate);
            }
            if (candidate.indexOf('.') < 0) {
                return Optional.empty();
            }
        }
    }

    Map<String, JsonNode> fields() {
        return Collections.unmodifiableMap(fields);
    }

    Set<String> objects() {
        return Collections.unmodifiableSet(objects);
    }

    List<String> conflicts() {
        return Collections.unmodifiableList(conflicts);
    }

    /** Counted the way index.mapping.total_fields.limit counts: objects, fields, multi-fields and aliases. */
    int totalFieldCount() {
        return objects.size() + fields.size();
    }
}
