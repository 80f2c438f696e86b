package org.cloudtrailopensearch.mapper.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cloudtrailopensearch.mapper.json.JsonValues;
import org.junit.jupiter.api.Test;

/** The computed HashMap order must equal what real HashMaps print, for random payloads of every size. */
class JavaMapFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void matchesHashMapToStringOnRandomPayloads() {
        Random random = new Random(7);
        for (int round = 0; round < 3000; round++) {
            ObjectNode raw = randomObject(random, 0);
            JsonNode cleaned = JsonValues.clean(raw);
            if (cleaned == null) {
                continue;
            }
            Object reference = referenceOf(raw);
            assertEquals(String.valueOf(reference), JavaMapFormat.format(raw, cleaned), raw.toString());
        }
    }

    @Test
    void knownFixtureString() throws Exception {
        JsonNode payload = JSON.readTree("{\"MobileVersion\":\"No\",\"LoginTo\":\"https://console.aws.amazon.com/s3/\",\"MFAUsed\":\"No\"}");
        assertEquals("{LoginTo=https://console.aws.amazon.com/s3/, MobileVersion=No, MFAUsed=No}", JavaMapFormat.format(payload, payload));
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = JSON.createObjectNode();
        int size = random.nextInt(depth == 0 ? 120 : 6);
        for (int i = 0; i < size; i++) {
            String key = random.nextBoolean() ? "k" + random.nextInt(500) : Long.toString(random.nextLong(), 36);
            switch (random.nextInt(9)) {
                case 0 -> object.putNull(key);
                case 1 -> object.put(key, "");
                case 2 -> object.put(key, random.nextInt(1000));
                case 3 -> object.put(key, random.nextDouble());
                case 4 -> object.put(key, random.nextBoolean());
                case 5 -> object.set(key, depth < 3 ? randomObject(random, depth + 1) : JSON.createObjectNode());
                case 6 -> {
                    ArrayNode array = object.putArray(key);
                    for (int j = 0; j < random.nextInt(4); j++) {
                        array.add(random.nextBoolean() ? "v" + j : "");
                    }
                }
                default -> object.put(key, "value-" + random.nextInt(50));
            }
        }
        return object;
    }

    /** What Elastic does: parse everything into HashMaps, then remove the empty values in place. */
    private static Object referenceOf(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new HashMap<>();
            List<String> empty = new ArrayList<>();
            node.fields().forEachRemaining(field -> {
                Object value = referenceOf(field.getValue());
                map.put(field.getKey(), value);
                if (value == null) {
                    empty.add(field.getKey());
                }
            });
            empty.forEach(map::remove);
            return map.isEmpty() ? null : map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> {
                Object value = referenceOf(element);
                if (value != null) {
                    list.add(value);
                }
            });
            return list.isEmpty() ? null : list;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return text.isEmpty() || text.equals("-") || text.equals("none") ? null : text;
        }
        return node.isNull() ? null : node.isNumber() ? node.numberValue() : node.booleanValue();
    }
}
