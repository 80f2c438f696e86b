package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * Dedicated fields taken from the request and response payloads ({@code aws.s3.bucket.name},
 * {@code aws.ec2.rule.cidr}, {@code aws.iam.policy.arn}, …). The payloads themselves are kept only as strings and
 * as {@code flat_object} copies, whose leaves OpenSearch cannot aggregate; dashboards and monitors need these
 * values as real keyword, long and boolean fields.
 *
 * <p>All knowledge is data: {@code request-fields.tsv} (its header documents the columns), read once per mapper
 * and grouped by service, so that a record walks only the rows of its own event source; which rows those are is
 * decided once per distinct event ({@link EventProfiles}). A value of the wrong type is ignored, never a rejection.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class RequestFields {

    private static final String TABLE = "request-fields.tsv";
    private static final String AWS_SUFFIX = ".amazonaws.com";
    private static final String GRANT_HEADER = "x-amz-grant-";
    /** The rows of a service without rows of its own and without general ("*") rows: nothing to do. */
    private static final Field[] NONE = new Field[0];
    /** Scratch space for one field's values, reused: a record allocates only what it writes into the document. */
    private static final ThreadLocal<Values> SCRATCH = ThreadLocal.withInitial(Values::new);

    enum ValueType { KEYWORD, LONG, BOOLEAN }

    private enum Transform { NONE, ARN_TAIL, GRANT_GRANTEES, GRANT_PERMISSION }

    /**
     * One step of a path: the member names tried in turn ({@code a|b|c}), whether the value is an array to walk
     * ({@code name[]}), and for {@code grant-permission} the permission each name stands for.
     */
    private record Step(String[] names, boolean walksArray, String[] permissions) {
    }

    /** One row of the table: where the values are and what to do with them. */
    private record Rule(TopField root, Step[] steps, Transform transform, boolean otherwise) {
    }

    /** One document field and, in table order, the rows that feed it. */
    public record Field(String name, String[] parent, String leaf, ValueType type, Rule[] rules) {
    }

    private record Row(String service, String field, ValueType type, Rule rule) {
    }

    /** The fields of each service named in the table, each with the general ("*") rows merged in. */
    private final Map<String, Field[]> byService = new HashMap<>();
    /** The fields for any other service: the general rows alone. */
    private final Field[] general;

    public RequestFields() {
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (String[] columns : EventCategorizer.readTable(TABLE, 4)) {
            line++;
            rows.add(parseRow(columns, line));
        }
        checkNoFieldIsAlsoAnObject(rows);
        List<String> services = rows.stream().map(Row::service).filter(s -> !s.equals("*")).distinct().toList();
        for (String service : services) {
            byService.put(service, group(rows, service));
        }
        general = group(rows, "*");
    }

    /** The fields to fill for events of this source (worked out once per distinct event, see EventProfiles). */
    Field[] fieldsFor(String eventSource) {
        if (eventSource == null || !eventSource.endsWith(AWS_SUFFIX)) {
            return general;
        }
        Field[] fields = byService.get(eventSource.substring(0, eventSource.length() - AWS_SUFFIX.length()));
        return fields != null ? fields : general;
    }

    /** Every field the table can write, in table order (for tests and documentation). */
    public List<Field> allFields() {
        Map<String, Field> all = new LinkedHashMap<>();
        for (Field field : general) {
            all.putIfAbsent(field.name(), field);
        }
        byService.values().forEach(fields -> Arrays.stream(fields).forEach(f -> all.putIfAbsent(f.name(), f)));
        return List.copyOf(all.values());
    }

    /** Writes the fields of {@code ctx.profile.requestFields()} that the record has values for. */
    static void map(MappingContext ctx) {
        Field[] fields = ctx.profile.requestFields();
        if (fields.length == 0) {
            return;
        }
        Values values = null;
        for (Field field : fields) {
            for (Rule rule : field.rules()) {
                if (rule.otherwise() && values != null && values.size > 0) {
                    continue;
                }
                JsonNode root = ctx.input(rule.root());
                if (root == null) {
                    continue;
                }
                if (values == null) {
                    values = SCRATCH.get();
                    values.clear(); // in case an earlier record on this thread failed half-way
                }
                walk(root, rule, 0, field.type(), values);
            }
            if (values != null && values.size > 0) {
                try {
                    write(ctx.node(field.parent()), field, values);
                } finally {
                    values.clear();
                }
            }
        }
    }

    private static void write(EcsObject parent, Field field, Values values) {
        if (values.size == 1) {
            Object value = values.items[0];
            switch (field.type()) {
                case KEYWORD -> parent.put(field.leaf(), (String) value);
                case LONG -> parent.put(field.leaf(), (Long) value);
                case BOOLEAN -> parent.put(field.leaf(), (boolean) (Boolean) value);
            }
        } else if (field.type() == ValueType.KEYWORD) {
            String[] strings = new String[values.size];
            System.arraycopy(values.items, 0, strings, 0, values.size);
            parent.putStrings(field.leaf(), strings);
        } else {
            parent.putArray(field.leaf(), Arrays.copyOf(values.items, values.size));
        }
    }

    /** Collects the values below {@code node}, which is where {@code steps[index]} starts. */
    private static void walk(JsonNode node, Rule rule, int index, ValueType type, Values into) {
        Step step = rule.steps()[index];
        boolean last = index == rule.steps().length - 1;
        String[] names = step.names();
        for (int n = 0; n < names.length; n++) {
            JsonNode child = node.get(names[n]);
            if (child == null) {
                continue;
            }
            if (step.walksArray() && child.isArray()) {
                for (int i = 0; i < child.size(); i++) {
                    JsonNode element = child.get(i);
                    if (last) {
                        leaf(element, rule, step, n, type, into);
                    } else {
                        walk(element, rule, index + 1, type, into);
                    }
                }
            } else if (last) {
                leaf(child, rule, step, n, type, into);
            } else {
                walk(child, rule, index + 1, type, into);
            }
        }
    }

    /** The value at the end of a path: a scalar, or an array whose scalar elements each count. */
    private static void leaf(JsonNode value, Rule rule, Step step, int name, ValueType type, Values into) {
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (element.isValueNode()) {
                    scalar(element, rule, step, name, type, into);
                }
            }
        } else if (value.isValueNode()) {
            scalar(value, rule, step, name, type, into);
        }
    }

    private static void scalar(JsonNode value, Rule rule, Step step, int name, ValueType type, Values into) {
        switch (rule.transform()) {
            case NONE -> into.add(convert(value, type));
            case ARN_TAIL -> into.add(arnTail(JsonValues.text(value)));
            case GRANT_GRANTEES -> addGrantees(JsonValues.text(value), into);
            case GRANT_PERMISSION -> into.add(JsonValues.text(value) == null ? null : step.permissions()[name]);
        }
    }

    /** The value as the field's type, or null when it is not one (ignored). */
    static Object convert(JsonNode value, ValueType type) {
        return switch (type) {
            case KEYWORD -> JsonValues.text(value);
            case LONG -> toLong(value);
            case BOOLEAN -> toBoolean(value);
        };
    }

    private static Long toLong(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.longValue() : null;
        }
        if (!(value instanceof TextNode)) {
            return null;
        }
        String text = value.textValue().trim();
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.length() == start || text.length() - start > 19) {
            return null;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private static Boolean toBoolean(JsonNode value) {
        if (value instanceof BooleanNode) {
            return value.booleanValue();
        }
        if (!(value instanceof TextNode)) {
            return null;
        }
        String text = value.textValue().trim();
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /** {@code arn:aws:iam::aws:policy/service-role/Name} -> {@code Name}; null for anything but such an ARN. */
    static String arnTail(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 || slash == arn.length() - 1 ? null : arn.substring(slash + 1);
    }

    /**
     * The grantees of an S3 grant header, {@code uri="http://acs…/AllUsers", id="…", emailAddress="…"}: each
     * {@code key=value} pair's value, quotes removed.
     */
    static void addGrantees(String header, Values into) {
        if (header == null) {
            return;
        }
        int length = header.length();
        int at = 0;
        while (at < length) {
            int equals = header.indexOf('=', at);
            if (equals < 0) {
                return;
            }
            int start = equals + 1;
            while (start < length && header.charAt(start) == ' ') {
                start++;
            }
            int end;
            int next;
            if (start < length && header.charAt(start) == '"') {
                start++;
                end = header.indexOf('"', start);
                end = end < 0 ? length : end;
                int comma = header.indexOf(',', end);
                next = comma < 0 ? length : comma + 1;
            } else {
                end = header.indexOf(',', start);
                end = end < 0 ? length : end;
                next = end + 1;
            }
            String grantee = header.substring(start, end).trim();
            if (!grantee.isEmpty()) {
                into.add(grantee);
            }
            at = next;
        }
    }

    /** The values of one field in one record: in input order, each once (a handful, so a scan). */
    static final class Values {
        Object[] items = new Object[4];
        int size;

        void add(Object value) {
            if (value == null) {
                return;
            }
            for (int i = 0; i < size; i++) {
                if (items[i].equals(value)) {
                    return;
                }
            }
            if (size == items.length) {
                items = Arrays.copyOf(items, 2 * size);
            }
            items[size++] = value;
        }

        void clear() {
            Arrays.fill(items, 0, size, null);
            size = 0;
        }
    }

    // ---- loading the table

    private static Row parseRow(String[] columns, int row) {
        String where = TABLE + " row " + row + " (" + String.join(" ", columns) + "): ";
        String field = columns[0].trim();
        String[] names = field.split("\\.");
        if (names.length < 2 || Arrays.stream(names).anyMatch(String::isEmpty)) {
            throw new IllegalStateException(where + "field must be a dotted name");
        }
        ValueType type;
        try {
            type = ValueType.valueOf(columns[1].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + "type must be keyword, long or boolean");
        }
        String service = columns[2].trim();
        String[] path = columns[3].trim().split("\\.");
        TopField root = TopField.named(path[0]);
        if (path.length < 2 || (root != TopField.REQUEST_PARAMETERS && root != TopField.RESPONSE_ELEMENTS)) {
            throw new IllegalStateException(where + "path must start at requestParameters or responseElements");
        }
        Transform transform = Transform.NONE;
        boolean otherwise = false;
        if (columns.length > 4) {
            for (String option : columns[4].split(",")) {
                switch (option.trim()) {
                    case "arn-tail" -> transform = Transform.ARN_TAIL;
                    case "grant-grantees" -> transform = Transform.GRANT_GRANTEES;
                    case "grant-permission" -> transform = Transform.GRANT_PERMISSION;
                    case "else" -> otherwise = true;
                    case "" -> { }
                    default -> throw new IllegalStateException(where + "unknown option " + option);
                }
            }
        }
        if (transform != Transform.NONE && type != ValueType.KEYWORD) {
            throw new IllegalStateException(where + "transforms give keywords");
        }
        Step[] steps = new Step[path.length - 1];
        for (int i = 1; i < path.length; i++) {
            steps[i - 1] = parseStep(path[i], transform == Transform.GRANT_PERMISSION && i == path.length - 1, where);
        }
        return new Row(service, field, type, new Rule(root, steps, transform, otherwise));
    }

    private static Step parseStep(String step, boolean grantHeader, String where) {
        boolean walksArray = step.endsWith("[]");
        String[] names = (walksArray ? step.substring(0, step.length() - 2) : step).split("\\|");
        if (Arrays.stream(names).anyMatch(String::isEmpty)) {
            throw new IllegalStateException(where + "empty name in path step " + step);
        }
        String[] permissions = null;
        if (grantHeader) {
            permissions = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                if (!names[i].startsWith(GRANT_HEADER) || names[i].length() == GRANT_HEADER.length()) {
                    throw new IllegalStateException(where + "grant-permission needs x-amz-grant-* headers, found " + names[i]);
                }
                permissions[i] = names[i].substring(GRANT_HEADER.length()).toUpperCase(Locale.ROOT).replace('-', '_');
            }
        }
        return new Step(names, walksArray, permissions);
    }

    private static void checkNoFieldIsAlsoAnObject(List<Row> rows) {
        Map<String, ValueType> types = new HashMap<>();
        for (Row row : rows) {
            ValueType earlier = types.putIfAbsent(row.field(), row.type());
            if (earlier != null && earlier != row.type()) {
                throw new IllegalStateException(TABLE + ": " + row.field() + " is both " + earlier + " and " + row.type());
            }
        }
        for (String field : types.keySet()) {
            for (String other : types.keySet()) {
                if (other.startsWith(field + ".")) {
                    throw new IllegalStateException(TABLE + ": " + field + " is a value and also holds " + other);
                }
            }
        }
    }

    /** The fields for one service: its rows and the general ones, grouped by field in table order. */
    private static Field[] group(List<Row> rows, String service) {
        Map<String, List<Row>> byField = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.service().equals(service) || row.service().equals("*")) {
                byField.computeIfAbsent(row.field(), f -> new ArrayList<>()).add(row);
            }
        }
        if (byField.isEmpty()) {
            return NONE;
        }
        List<Field> fields = new ArrayList<>();
        byField.forEach((name, fieldRows) -> {
            int dot = name.lastIndexOf('.');
            fields.add(new Field(name, name.substring(0, dot).split("\\."), name.substring(dot + 1),
                    fieldRows.get(0).type(), fieldRows.stream().map(Row::rule).toArray(Rule[]::new)));
        });
        return fields.toArray(Field[]::new);
    }
}
