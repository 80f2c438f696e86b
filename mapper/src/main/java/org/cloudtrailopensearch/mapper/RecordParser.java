package org.cloudtrailopensearch.mapper;

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

/**
 * Reads a record's top-level fields (see {@link TopField}) straight from its JSON text, as the same Jackson nodes
 * {@code ObjectMapper.readTree} would build, but without the record's own object: the mapping takes the
 * top-level fields by slot anyway, so building a map of twenty-odd entries only to read it back into slots was
 * a sixth of the parsing time.
 *
 * <p>Every member is parsed, also those the mapping does not read, so that a record is valid JSON exactly when
 * {@code readTree} says so. A text that is empty or whose root is not an object is left to {@code readTree},
 * whose answer then becomes the rejection.
 */
final class RecordParser {

    private final ObjectMapper json;
    private final JsonNodeFactory nodes;

    RecordParser(ObjectMapper json) {
        this.json = json;
        this.nodes = json.getDeserializationConfig().getNodeFactory();
    }

    /**
     * The record's value of every top-level field, indexed by ordinal (as {@link TopField#read}); null when the
     * text is not a JSON object.
     *
     * @throws IOException when the text is not valid JSON (a {@code JsonProcessingException} as readTree throws)
     */
    JsonNode[] topFields(byte[] record) throws IOException {
        try (JsonParser parser = json.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonNode[] values = new JsonNode[TopField.all().length];
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonNode value = value(parser, parser.nextToken());
                TopField field = TopField.named(name);
                if (field != null) {
                    values[field.ordinal()] = value; // a repeated name: the last value, as readTree keeps it
                }
            }
            return values;
        }
    }

    /** The value starting at {@code token}, built as Jackson's tree deserialiser builds it. */
    private JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(parser, element));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
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
                return NullNode.instance;
            default:
                // Not produced by a JSON parser (embedded objects come from other formats); keep readTree's view.
                return json.readTree(parser);
        }
    }
}
