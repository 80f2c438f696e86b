package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a JSON payload the way Elastic's pipeline stores {@code aws.cloudtrail.request_parameters} and friends:
 * Painless {@code Map.toString()} of the parsed object, i.e. {@code {k=v, k2={a=b}, list=[x, y]}} with keys in
 * {@link HashMap} iteration order (not input order). Existing searches and rules match on these exact strings,
 * so the only faithful way is to build the same {@code HashMap}s and let Java print them.
 *
 * <p>The order also depends on the map's history: Elastic parses the whole payload (nulls and empty strings
 * included, which can grow the table) and removes the empty values afterwards. So the maps here are built from
 * the raw payload and pruned in place, which keeps the same table size and hence the same order.
 */
final class JavaMapFormat {

    private static final Object PRUNED = new Object();

    private JavaMapFormat() {
    }

    /**
     * @param raw the payload as received (may contain nulls and empty values); null if unknown
     * @param cleaned the same payload after clean-up, used for scalars and when {@code raw} is null
     */
    static String format(JsonNode raw, JsonNode cleaned) {
        if (cleaned.isValueNode()) {
            return cleaned.asText();
        }
        Object java = toJava(raw != null ? raw : cleaned);
        return java == PRUNED ? "" : String.valueOf(java);
    }

    private static Object toJava(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new HashMap<>();
            List<String> empty = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Object value = toJava(field.getValue());
                map.put(field.getKey(), value);
                if (value == PRUNED) {
                    if (empty == null) {
                        empty = new ArrayList<>();
                    }
                    empty.add(field.getKey());
                }
            }
            if (empty != null) {
                empty.forEach(map::remove);
            }
            return map.isEmpty() ? PRUNED : map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                Object value = toJava(element);
                if (value != PRUNED) {
                    list.add(value);
                }
            }
            return list.isEmpty() ? PRUNED : list;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return text.isEmpty() || text.equals("-") || text.equals("none") ? PRUNED : text;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? PRUNED : node.asText();
    }
}
