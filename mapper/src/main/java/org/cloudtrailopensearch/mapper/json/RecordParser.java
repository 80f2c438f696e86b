package org.cloudtrailopensearch.mapper.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.cloudtrailopensearch.mapper.rules.TopField;

/**
 * Reads a record's top-level fields (see {@link TopField}) straight from its JSON text, as the same Jackson nodes
 * {@code ObjectMapper.readTree} would build, but without the record's own object: the mapping takes the
 * top-level fields by slot anyway, so building a map of twenty-odd entries only to read it back into slots was
 * a sixth of the parsing time.
 *
 * <p>Every member is parsed, also those the mapping does not read, so that a record is valid JSON exactly when
 * {@code readTree} says so. A text that is empty or whose root is not an object is left to {@code readTree},
 * whose answer then becomes the rejection.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class RecordParser {

    private final ObjectMapper json;
    private final JsonNodeFactory nodes;

    public RecordParser(ObjectMapper json) {
        this.json = json;
        this.nodes = json.getDeserializationConfig().getNodeFactory();
    }

    /**
     * A record's top-level fields, indexed by ordinal (as {@link TopField#read}), and which of them hold a value
     * the clean-up removes (bit {@code 1L << ordinal}; see {@link JsonValues#clean}): noticed while building, so
     * that clean-up need not walk the fields that have none, which are nearly all of them.
     */
    public record TopFields(JsonNode[] values, long needCleaning) {
    }

    /**
     * The record's top-level fields; null when the text is not a JSON object.
     *
     * @throws IOException when the text is not valid JSON (a {@code JsonProcessingException} as readTree throws)
     */
    public TopFields topFields(byte[] record) throws IOException {
        try (JsonParser parser = json.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Reading reading = new Reading(parser);
            JsonNode[] values = new JsonNode[TopField.all().length];
            long needCleaning = 0;
            String name;
            while ((name = parser.nextFieldName()) != null) {
                reading.cleanable = false;
                JsonNode value = reading.value(parser.nextToken());
                TopField field = TopField.named(name);
                if (field != null) {
                    values[field.index()] = value; // a repeated name: the last value, as readTree keeps it
                    long bit = 1L << field.index();
                    needCleaning = reading.cleanable ? needCleaning | bit : needCleaning & ~bit;
                }
            }
            return new TopFields(values, needCleaning);
        }
    }

    /** One record being read. */
    private final class Reading {
        private final JsonParser parser;
        /** Whether the value read since the flag was last reset holds something the clean-up removes. */
        boolean cleanable;

        Reading(JsonParser parser) {
            this.parser = parser;
        }

        /** The value starting at {@code token}, built as Jackson's tree deserialiser builds it. */
        JsonNode value(JsonToken token) throws IOException {
            switch (token) {
                case START_OBJECT: {
                    ObjectNode object = nodes.objectNode();
                    String name;
                    while ((name = parser.nextFieldName()) != null) {
                        object.set(name, value(parser.nextToken()));
                    }
                    cleanable |= object.isEmpty();
                    return object;
                }
                case START_ARRAY: {
                    ArrayNode array = nodes.arrayNode();
                    JsonToken element;
                    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                        array.add(value(element));
                    }
                    cleanable |= array.isEmpty();
                    return array;
                }
                case VALUE_STRING: {
                    String text = parser.getText();
                    cleanable |= JsonValues.isEmptyText(text);
                    return nodes.textNode(text);
                }
                case VALUE_NUMBER_INT:
                    return switch (parser.getNumberType()) {
                        case INT -> nodes.numberNode(parser.getIntValue());
                        case LONG -> nodes.numberNode(parser.getLongValue());
                        default -> nodes.numberNode(parser.getBigIntegerValue());
                    };
                case VALUE_NUMBER_FLOAT:
                    return switch (parser.getNumberType()) {
                        case BIG_DECIMAL -> nodes.numberNode(parser.getDecimalValue());
                        case FLOAT -> nodes.numberNode(parser.getFloatValue());
                        default -> nodes.numberNode(parser.getDoubleValue());
                    };
                case VALUE_TRUE:
                    return BooleanNode.TRUE;
                case VALUE_FALSE:
                    return BooleanNode.FALSE;
                case VALUE_NULL:
                    cleanable = true;
                    return NullNode.instance;
                default:
                    // Not produced by a JSON parser (embedded objects come from other formats): readTree's view,
                    // and left to the clean-up.
                    cleanable = true;
                    return json.readTree(parser);
            }
        }
    }
}
