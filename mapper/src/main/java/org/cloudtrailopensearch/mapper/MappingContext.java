package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The state of mapping one record: the cleaned input, the document being built, and the {@code related.*}
 * values collected along the way (written last, so every section can contribute).
 */
final class MappingContext {

    final JsonNode record;
    /** The record as received, before clean-up (payload strings depend on it, see JavaMapFormat). */
    final JsonNode rawRecord;
    final EcsObject doc;
    final String eventName;
    final String eventSource;
    final Set<String> relatedUser = new LinkedHashSet<>();
    final Set<String> relatedIp = new LinkedHashSet<>();
    final Set<String> relatedHosts = new LinkedHashSet<>();
    final Set<String> relatedHash = new LinkedHashSet<>();
    /** Whether subtrees of the input may be placed in the document as they are (we own the input tree). */
    private final boolean ownsInput;

    MappingContext(JsonNode rawRecord, JsonNode cleanedRecord, boolean ownsInput) {
        this.rawRecord = rawRecord;
        this.record = cleanedRecord;
        this.ownsInput = ownsInput;
        this.doc = new EcsObject();
        this.eventName = JsonValues.text(cleanedRecord, "eventName");
        this.eventSource = JsonValues.text(cleanedRecord, "eventSource");
    }

    /** The object at {@code path} below the document root, created on first use. */
    EcsObject node(String... path) {
        EcsObject current = doc;
        for (String name : path) {
            current = current.object(name);
        }
        return current;
    }

    JsonNode input(String field) {
        return record.get(field);
    }

    String inputText(String field) {
        return JsonValues.text(record, field);
    }

    /** An input subtree to embed in the document: copied unless the caller handed us ownership of the input. */
    JsonNode embed(JsonNode inputSubtree) {
        return ownsInput ? inputSubtree : inputSubtree.deepCopy();
    }

    static void putText(EcsObject target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    static void addRelated(Set<String> set, String value) {
        if (value != null && !value.isEmpty()) {
            set.add(value);
        }
    }
}
