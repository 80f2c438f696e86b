package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code event.outcome} from every place CloudTrail states a result: the rows of {@code outcome-rules.tsv}
 * (responseElements.ConsoleLogin, the sign-in service's {@code responseElements}/{@code serviceEventDetails}, …),
 * then errorCode/errorMessage. The table is read once; a record looks only at its own eventSource's rows.
 */
final class EventOutcome {

    private static final String TABLE = "outcome-rules.tsv";
    private static final String ANY = "*";

    private record Rule(TopField object, String field, String value, String outcome) {
    }

    private static final EventOutcome INSTANCE = new EventOutcome(EventCategorizer.readTable(TABLE, 5));

    /** Rows per eventSource, each list already holding the {@code *} rows in table order. */
    private final Map<String, Rule[]> bySource = new HashMap<>();
    private final Rule[] anySource;

    EventOutcome(List<String[]> rows) {
        List<String> sources = new ArrayList<>();
        for (String[] row : rows) {
            if (!ANY.equals(row[0].trim()) && !sources.contains(row[0].trim())) {
                sources.add(row[0].trim());
            }
        }
        List<Rule> any = new ArrayList<>();
        Map<String, List<Rule>> lists = new HashMap<>();
        sources.forEach(source -> lists.put(source, new ArrayList<>()));
        for (String[] row : rows) {
            String source = row[0].trim();
            Rule rule = new Rule(object(row[1].trim()), row[2].trim(), row[3].trim(), outcome(row[4].trim()));
            if (ANY.equals(source)) {
                any.add(rule);
                lists.values().forEach(list -> list.add(rule));
            } else {
                lists.get(source).add(rule);
            }
        }
        anySource = any.toArray(new Rule[0]);
        lists.forEach((source, list) -> bySource.put(source, list.toArray(new Rule[0])));
    }

    private static TopField object(String name) {
        return switch (name) {
            case "responseElements" -> TopField.RESPONSE_ELEMENTS;
            case "serviceEventDetails" -> TopField.SERVICE_EVENT_DETAILS;
            case "additionalEventData" -> TopField.ADDITIONAL_EVENT_DATA;
            default -> throw new IllegalStateException(TABLE + ": unknown object " + name
                    + " (responseElements, serviceEventDetails or additionalEventData)");
        };
    }

    private static String outcome(String value) {
        if (!value.equals("success") && !value.equals("failure") && !value.equals("unknown")) {
            throw new IllegalStateException(TABLE + ": unknown outcome " + value + " (success, failure or unknown)");
        }
        return value;
    }

    static String of(MappingContext ctx) {
        return INSTANCE.outcome(ctx);
    }

    String outcome(MappingContext ctx) {
        Rule[] rules = ctx.eventSource == null ? anySource : bySource.getOrDefault(ctx.eventSource, anySource);
        for (Rule rule : rules) {
            JsonNode object = ctx.inputObject(rule.object);
            if (object != null && matches(object, rule)) {
                return rule.outcome;
            }
        }
        boolean error = ctx.inputText(TopField.ERROR_CODE) != null || ctx.inputText(TopField.ERROR_MESSAGE) != null;
        return error ? "failure" : "success";
    }

    private static boolean matches(JsonNode object, Rule rule) {
        if (!ANY.equals(rule.field)) {
            JsonNode value = object.get(rule.field);
            return value != null && value.isTextual() && value.textValue().equalsIgnoreCase(rule.value);
        }
        for (Iterator<JsonNode> values = object.elements(); values.hasNext(); ) {
            JsonNode value = values.next();
            if (value.isTextual() && value.textValue().equalsIgnoreCase(rule.value)) {
                return true;
            }
        }
        return false;
    }
}
