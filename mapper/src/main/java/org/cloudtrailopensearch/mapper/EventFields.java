package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** {@code event.*}, {@code cloud.*} and the plain {@code aws.cloudtrail.*} renames of top-level fields. */
final class EventFields {

    /** CloudTrail field -> aws.cloudtrail field, copied as text. */
    private static final TopField.Rename[] TEXT_RENAMES = {
        new TopField.Rename(TopField.EVENT_VERSION, "event_version"),
        new TopField.Rename(TopField.EVENT_CATEGORY, "event_category"),
        new TopField.Rename(TopField.ERROR_CODE, "error_code"),
        new TopField.Rename(TopField.ERROR_MESSAGE, "error_message"),
        new TopField.Rename(TopField.REQUEST_ID, "request_id"),
        new TopField.Rename(TopField.EVENT_TYPE, "event_type"),
        new TopField.Rename(TopField.API_VERSION, "api_version"),
        new TopField.Rename(TopField.MANAGEMENT_EVENT, "management_event"),
        new TopField.Rename(TopField.RECIPIENT_ACCOUNT_ID, "recipient_account_id"),
        new TopField.Rename(TopField.VPC_ENDPOINT_ID, "vpc_endpoint_id"),
        new TopField.Rename(TopField.VPC_ENDPOINT_ACCOUNT_ID, "vpc_endpoint_account_id"),
        new TopField.Rename(TopField.SESSION_CREDENTIAL_FROM_CONSOLE, "session_credential_from_console"),
    };

    private static final String[][] ADDENDUM_RENAMES = {
        {"reason", "reason"},
        {"updatedFields", "updated_fields"},
        {"originalRequestID", "original_request_id"},
        {"originalEventID", "original_event_id"},
    };

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
        for (TopField.Rename rename : TEXT_RENAMES) {
            MappingContext.putText(trail, rename.to(), ctx.inputText(rename.from()));
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
            for (String[] rename : ADDENDUM_RENAMES) {
                MappingContext.putText(target, rename[1], JsonValues.text(addendum, rename[0]));
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
