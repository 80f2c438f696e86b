package org.cloudtrailopensearch.mapper.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Small helpers for reading a (cleaned) CloudTrail tree.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class JsonValues {

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonValues() {
    }

    /** The scalar at {@code node} as text, or null when absent. Containers are not text. */
    public static String text(JsonNode node) {
        if (node instanceof TextNode text) {
            return text.textValue(); // nearly every value read; one type check instead of three virtual calls
        }
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        return node.asText();
    }

    public static String text(JsonNode parent, String field) {
        return parent == null ? null : text(parent.get(field));
    }

    public static JsonNode object(JsonNode parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonNode child = parent.get(field);
        return child != null && child.isObject() ? child : null;
    }

    /**
     * Elastic's pipeline drops null, {@code ""}, {@code "-"}, {@code "none"}, empty objects and empty arrays
     * everywhere before mapping; CloudTrail uses all of them to mean "no value". Returns the same instance when
     * nothing had to go (the common case, so no copying), a pruned copy otherwise, and null when nothing is left.
     */
    public static JsonNode clean(JsonNode node) {
        // Class tests rather than isTextual()/isObject()/...: each of those is a call on a different node class.
        if (node instanceof TextNode text) {
            return isEmptyText(text.textValue()) ? null : node;
        }
        if (node instanceof ObjectNode object) {
            return cleanObject(object);
        }
        if (node instanceof ArrayNode array) {
            return cleanArray(array);
        }
        if (node == null || node.isNull()) {
            return null;
        }
        return node;
    }

    /** Whether a string means "no value" to the clean-up. */
    public static boolean isEmptyText(String value) {
        return value.isEmpty() || value.equals("-") || value.equals("none");
    }

    private static JsonNode cleanObject(ObjectNode object) {
        ObjectNode copy = null;
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); index++) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode cleaned = clean(field.getValue());
            if (copy == null && cleaned != field.getValue()) {
                copy = NODES.objectNode();
                int copied = 0;
                for (Iterator<Map.Entry<String, JsonNode>> again = object.fields(); copied < index; copied++) {
                    Map.Entry<String, JsonNode> earlier = again.next();
                    copy.set(earlier.getKey(), earlier.getValue());
                }
            }
            if (copy != null && cleaned != null) {
                copy.set(field.getKey(), cleaned);
            }
        }
        ObjectNode result = copy == null ? object : copy;
        return result.isEmpty() ? null : result;
    }

    private static JsonNode cleanArray(ArrayNode array) {
        ArrayNode copy = null;
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            JsonNode cleaned = clean(element);
            if (copy == null && cleaned != element) {
                copy = NODES.arrayNode();
                for (int j = 0; j < i; j++) {
                    copy.add(array.get(j));
                }
            }
            if (copy != null && cleaned != null) {
                copy.add(cleaned);
            }
        }
        ArrayNode result = copy == null ? array : copy;
        return result.isEmpty() ? null : result;
    }
}
