package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * The state of mapping one record: its top-level fields as received and cleaned, the document being built, and
 * the {@code related.*} values collected along the way (written last, so every section can contribute).
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class MappingContext {

    /** The top-level fields as received, before clean-up (payload strings depend on them, see JavaMapFormat). */
    private final JsonNode[] rawFields;
    /** The same fields after clean-up (JsonValues.clean): what the mapping rules read. */
    private final JsonNode[] fields;
    final EcsObject doc;
    final String eventName;
    final String eventSource;
    /** What follows from eventSource and eventName alone (categorisation, entity rules). */
    final EventProfiles.Profile profile;
    final UniqueStrings relatedUser = new UniqueStrings();
    final UniqueStrings relatedIp = new UniqueStrings();
    final UniqueStrings relatedHosts = new UniqueStrings();
    final UniqueStrings relatedHash = new UniqueStrings();
    /** Whether subtrees of the input may be placed in the document as they are (we own the input tree). */
    private final boolean ownsInput;

    /**
     * @param rawFields the record's fields from {@link TopField#read}
     * @param needCleaning bit {@code 1L << ordinal} set for each field that may hold a value the clean-up removes
     *     (the others are used as they are, which is what cleaning them would give)
     */
    MappingContext(JsonNode[] rawFields, long needCleaning, boolean ownsInput, EventProfiles profiles) {
        this.rawFields = rawFields;
        this.fields = new JsonNode[rawFields.length];
        for (int i = 0; i < rawFields.length; i++) {
            JsonNode raw = rawFields[i];
            fields[i] = raw == null || (needCleaning & (1L << i)) == 0 ? raw : JsonValues.clean(raw);
        }
        this.ownsInput = ownsInput;
        this.doc = new EcsObject();
        // An Insights record has no eventName/eventSource of its own: it is about the API call named in its
        // insightDetails, so that call's name and source stand in for them (event.action, event.provider,
        // cloud.service.name and the categorisation all follow from it).
        JsonNode insight = inputObject(TopField.INSIGHT_DETAILS);
        String name = inputText(TopField.EVENT_NAME);
        String source = inputText(TopField.EVENT_SOURCE);
        if (insight != null && name == null && source == null) {
            name = JsonValues.text(insight, "eventName");
            source = JsonValues.text(insight, "eventSource");
        }
        this.eventName = name;
        this.eventSource = source;
        this.profile = profiles.of(eventSource, eventName);
    }

    /** The object at {@code path} below the document root, created on first use. */
    public EcsObject node(String... path) {
        EcsObject current = doc;
        for (String name : path) {
            current = current.object(name);
        }
        return current;
    }

    /** The cleaned value of a top-level field, or null. */
    public JsonNode input(TopField field) {
        return fields[field.index()];
    }

    /** The value of a top-level field as received (before clean-up), or null. */
    JsonNode rawInput(TopField field) {
        return rawFields[field.index()];
    }

    /** The cleaned top-level field as text when it is a scalar, else null. */
    public String inputText(TopField field) {
        return JsonValues.text(fields[field.index()]);
    }

    /** The cleaned top-level field when it is an object, else null. */
    JsonNode inputObject(TopField field) {
        JsonNode value = fields[field.index()];
        return value != null && value.isObject() ? value : null;
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

    static void addRelated(UniqueStrings values, String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }
}
