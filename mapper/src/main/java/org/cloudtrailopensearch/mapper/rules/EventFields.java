package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * {@code event.*}, {@code cloud.*} and the plain {@code aws.cloudtrail.*} renames of top-level fields.
 */
final class EventFields {

    private EventFields() {
    }

    static void map(MappingContext ctx) {
        EcsObject event = ctx.node("event");
        MappingContext.putText(event, "action", ctx.eventName);
        MappingContext.putText(event, "provider", ctx.eventSource);
        MappingContext.putText(event, "id", ctx.inputText(TopField.EVENT_ID));
        event.put("kind", "event");

        EcsObject cloud = ctx.node("cloud");
        cloud.put("provider", "aws");
        MappingContext.putText(cloud, "region", ctx.inputText(TopField.AWS_REGION));
        if (ctx.eventSource != null && ctx.eventSource.endsWith(".amazonaws.com")) {
            cloud.putObject("service").put("name", ctx.eventSource.substring(0, ctx.eventSource.length() - 14));
        }
        JsonNode identity = ctx.input(TopField.USER_IDENTITY);
        String account = firstNonNull(JsonValues.text(identity, "accountId"), ctx.inputText(TopField.RECIPIENT_ACCOUNT_ID),
                ctx.inputText(TopField.AWS_ACCOUNT_ID));
        if (account != null) {
            cloud.putObject("account").put("id", account);
        }

        EcsObject trail = ctx.node("aws", "cloudtrail");
        for (Renames.Rename rename : Renames.EVENT.rows()) {
            MappingContext.putText(trail, rename.to(), ctx.inputText(rename.topField()));
        }
        JsonNode readOnly = ctx.input(TopField.READ_ONLY);
        if (readOnly != null && (readOnly.isBoolean() || readOnly.isTextual())) { // RecordShape let only true/false through
            trail.put("read_only", readOnly.isBoolean() ? readOnly.booleanValue() : Boolean.parseBoolean(readOnly.asText()));
        }
        String sharedEventId = firstNonNull(ctx.inputText(TopField.SHARED_EVENT_ID), ctx.inputText(TopField.SHARED_EVENT_ID_LOWER));
        MappingContext.putText(trail, "shared_event_id", sharedEventId);
        JsonNode addendum = ctx.inputObject(TopField.ADDENDUM);
        if (addendum != null) {
            EcsObject target = trail.putObject("addendum");
            for (Renames.Rename rename : Renames.ADDENDUM.rows()) {
                MappingContext.putText(target, rename.to(), JsonValues.text(addendum, rename.from()));
            }
        }
        mapResources(ctx, trail);
        categorize(ctx, event);
    }

    private static void mapResources(MappingContext ctx, EcsObject trail) {
        JsonNode resources = ctx.input(TopField.RESOURCES);
        if (resources == null) {
            return;
        }
        if (!resources.isArray()) {
            trail.set("resources", ctx.embed(resources));
            return;
        }
        // Elastic de-duplicates through a HashMap keyed "arn_accountId_type" and emits its values: same here, same order.
        Map<String, ObjectNode> unique = new HashMap<>();
        for (JsonNode resource : resources) {
            if (!resource.isObject()) {
                continue;
            }
            ObjectNode mapped = JsonValues.NODES.objectNode();
            String arn = firstNonNull(JsonValues.text(resource, "ARN"), JsonValues.text(resource, "arn"));
            String accountId = firstNonNull(JsonValues.text(resource, "accountId"), JsonValues.text(resource, "accountid"));
            String type = JsonValues.text(resource, "type");
            putIfNotNull(mapped, "arn", arn);
            putIfNotNull(mapped, "account_id", accountId);
            putIfNotNull(mapped, "type", type);
            if (!mapped.isEmpty()) {
                unique.putIfAbsent(arn + "_" + accountId + "_" + type, mapped);
            }
        }
        if (!unique.isEmpty()) {
            ArrayNode array = JsonValues.NODES.arrayNode(unique.size());
            unique.values().forEach(array::add);
            trail.set("resources", array);
        }
    }

    private static void categorize(MappingContext ctx, EcsObject event) {
        event.put("outcome", EventOutcome.of(ctx));
        EventCategorizer.Categorization categorization = ctx.profile.categorization();
        if (!categorization.categories().isEmpty()) {
            event.putStrings("category", categorization.categories());
        }
        event.putStrings("type", categorization.types());
    }

    /** The resources array is built as Jackson nodes: few records have one, and it is embedded as a subtree. */
    private static void putIfNotNull(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

}
