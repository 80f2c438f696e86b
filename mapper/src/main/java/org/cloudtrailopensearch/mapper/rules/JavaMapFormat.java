package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Renders a JSON payload the way Elastic's pipeline stores {@code aws.cloudtrail.request_parameters} and friends:
 * Painless {@code Map.toString()} of the parsed object, i.e. {@code {k=v, k2={a=b}, list=[x, y]}} with keys in
 * {@link java.util.HashMap} iteration order (not input order). Existing searches and rules match these exact
 * strings.
 *
 * <p>Rather than building real HashMaps for every payload (the mapper's hottest allocation), the iteration order
 * is computed directly: a HashMap iterates its table by bucket, {@code (h ^ h >>> 16) & (capacity - 1)}, and each
 * bucket in insertion order (resizes keep that order). The capacity follows the number of keys <em>inserted</em>:
 * Elastic parses the whole payload (nulls and empty strings included, which can grow the table) and removes the
 * empty values afterwards, so the raw payload decides the capacity and the cleaned one decides what is printed.
 * {@code JavaMapFormatTest} checks this against {@code HashMap.toString()}.
 */
final class JavaMapFormat {

    private static final int DEFAULT_CAPACITY = 16;
    /** One builder per thread, reused: payloads are printed for nearly every record. */
    private static final ThreadLocal<StringBuilder> BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(256));
    private static final int MAX_KEPT_CAPACITY = 64 * 1024;
    /** A bucket this full would be a red-black tree in a HashMap of capacity ≥ 64; we never see it in practice. */
    private static final int TREEIFY_THRESHOLD = 8;

    private JavaMapFormat() {
    }

    /**
     * @param raw the payload as received (may contain nulls and empty values); null if unknown
     * @param cleaned the same payload after clean-up (what is printed)
     */
    static String format(JsonNode raw, JsonNode cleaned) {
        if (cleaned.isValueNode()) {
            return cleaned.asText();
        }
        StringBuilder out = BUILDER.get();
        out.setLength(0);
        append(raw != null ? raw : cleaned, out);
        String text = out.toString();
        if (out.capacity() > MAX_KEPT_CAPACITY) {
            BUILDER.set(new StringBuilder(256)); // not kept after a huge payload
        }
        return text;
    }

    /** Appends {@code node} with empty values pruned; returns false (appending nothing) when nothing is left. */
    private static boolean append(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            return appendObject(node, out);
        }
        if (node.isArray()) {
            return appendJoined(out, '[', ']', node.size(), i -> null, node::get);
        }
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.isEmpty() || text.equals("-") || text.equals("none")) {
                return false;
            }
            out.append(text);
            return true;
        }
        if (node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isFloatingPointNumber()) {
            out.append(node.numberValue());
            return true;
        }
        out.append(node.asText());
        return true;
    }

    private static boolean appendObject(JsonNode object, StringBuilder out) {
        int size = object.size();
        if (size == 0) {
            return false;
        }
        String[] keys = new String[size];
        JsonNode[] values = new JsonNode[size];
        long[] order = new long[size];
        int capacity = DEFAULT_CAPACITY;
        while (size > capacity * 3 / 4) {
            capacity <<= 1;
        }
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> field = it.next();
            keys[i] = field.getKey();
            values[i] = field.getValue();
            int h = keys[i].hashCode();
            int bucket = (h ^ (h >>> 16)) & (capacity - 1);
            order[i] = ((long) bucket << 32) | i; // bucket first, then insertion order
        }
        Arrays.sort(order);
        if (capacity >= 64 && hasTreeifiedBucket(order)) {
            return appendViaHashMap(object, out);
        }
        return appendJoined(out, '{', '}', size, n -> keys[(int) order[n]], n -> values[(int) order[n]]);
    }

    /**
     * Appends {@code open}, the non-empty values as {@code key=value} (or just the value where the key is null)
     * separated by ", ", and {@code close}; appends nothing and returns false when every value is empty.
     */
    private static boolean appendJoined(StringBuilder out, char open, char close, int count,
            IntFunction<String> keyAt, IntFunction<JsonNode> valueAt) {
        int start = out.length();
        out.append(open);
        boolean any = false;
        for (int n = 0; n < count; n++) {
            int before = out.length();
            if (any) {
                out.append(", ");
            }
            String key = keyAt.apply(n);
            if (key != null) {
                out.append(key).append('=');
            }
            if (append(valueAt.apply(n), out)) {
                any = true;
            } else {
                out.setLength(before);
            }
        }
        if (!any) {
            out.setLength(start);
            return false;
        }
        out.append(close);
        return true;
    }

    private static boolean hasTreeifiedBucket(long[] sortedOrder) {
        int run = 1;
        for (int i = 1; i < sortedOrder.length; i++) {
            run = (sortedOrder[i] >>> 32) == (sortedOrder[i - 1] >>> 32) ? run + 1 : 1;
            if (run >= TREEIFY_THRESHOLD) {
                return true;
            }
        }
        return false;
    }

    /** The exact (slow) way, for the pathological key sets where a HashMap would switch a bucket to a tree. */
    private static boolean appendViaHashMap(JsonNode object, StringBuilder out) {
        java.util.HashMap<String, Object> map = new java.util.HashMap<>();
        java.util.List<String> empty = new java.util.ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            StringBuilder value = new StringBuilder();
            boolean present = append(field.getValue(), value);
            map.put(field.getKey(), new Rendered(value.toString()));
            if (!present) {
                empty.add(field.getKey());
            }
        }
        empty.forEach(map::remove);
        if (map.isEmpty()) {
            return false;
        }
        out.append(map);
        return true;
    }

    /** A pre-rendered value whose toString() is itself, so HashMap.toString() prints it verbatim. */
    private record Rendered(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
