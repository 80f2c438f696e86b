package org.cloudtrailopensearch.loader.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-document results of a {@code _bulk} response, read with a streaming parser that keeps only what the sink
 * needs (status, whether an existing document was replaced, the error's type and reason). A response carries one
 * entry per document; building the typed client's model of it took more of the loader's CPU than mapping did.
 */
final class BulkItemResults {

    /** One document's result; {@code error} is {@code "type: reason"}, null when it was indexed. */
    record Item(int status, boolean replaced, String error) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private BulkItemResults() {
    }

    /** The items in request order (the order the cluster answers in). */
    static List<Item> read(InputStream response) throws IOException {
        try (JsonParser parser = JSON.createParser(response)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            List<Item> items = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("items".equals(field)) {
                    items = items(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (items == null) {
                throw new IOException("the _bulk response has no items");
            }
            return items;
        }
    }

    private static List<Item> items(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        List<Item> items = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            // {"index": {...}}: one field, named after the operation
            expect(parser.nextToken(), JsonToken.FIELD_NAME);
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            items.add(item(parser));
            expect(parser.nextToken(), JsonToken.END_OBJECT);
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY);
        return items;
    }

    private static Item item(JsonParser parser) throws IOException {
        int status = 0;
        boolean replaced = false;
        String error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "status" -> status = parser.getIntValue();
                case "result" -> replaced = "updated".equals(parser.getText());
                case "error" -> error = value == JsonToken.START_OBJECT ? error(parser) : parser.getText();
                default -> parser.skipChildren();
            }
        }
        return new Item(status, replaced, error);
    }

    private static String error(JsonParser parser) throws IOException {
        String type = null;
        String reason = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if ("type".equals(field)) {
                type = parser.getText();
            } else if ("reason".equals(field)) {
                reason = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return type + ": " + reason;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected _bulk response: " + actual + " where " + expected + " belongs");
        }
    }
}
