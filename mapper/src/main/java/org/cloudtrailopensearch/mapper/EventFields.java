package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code event.*}, {@code cloud.*} and the plain {@code aws.cloudtrail.*} renames of top-level fields. */
final class EventFields {

    /** CloudTrail field -> aws.cloudtrail field, copied as text. */
    private static final String[][] TEXT_RENAMES = {
        {"eventVersion", "event_version"},
        {"eventCategory", "event_category"},
        {"errorCode", "error_code"},
        {"errorMessage", "error_message"},
        {"requestID", "request_id"},
        {"eventType", "event_type"},
        {"apiVersion", "api_version"},
        {"managementEvent", "management_event"},
        {"recipientAccountId", "recipient_account_id"},
        {"vpcEndpointId", "vpc_endpoint_id"},
        {"vpcEndpointAccountId", "vpc_endpoint_account_id"},
        {"sessionCredentialFromConsole", "session_credential_from_console"},
    };

    private static final String[][] ADDENDUM_RENAMES = {
        {"reason", "reason"},
        {"updatedFields", "updated_fields"},
        {"originalRequestID", "original_request_id"},
        {"originalEventID", "original_event_id"},
    };

    private EventFields() {
    }

    static void map(MappingContext ctx, EventCategorizer categorizer) {
        EcsObject event = ctx.node("event");
        MappingContext.putText(event, "action", ctx.eventName);
        MappingContext.putText(event, "provider", ctx.eventSource);
        MappingContext.putText(event, "id", ctx.inputText("eventID"));
        event.put("kind", "event");

        EcsObject cloud = ctx.node("cloud");
        cloud.put("provider", "aws");
        MappingContext.putText(cloud, "region", ctx.inputText("awsRegion"));
        if (ctx.eventSource != null && ctx.eventSource.endsWith(".amazonaws.com")) {
            cloud.putObject("service").put("name", ctx.eventSource.substring(0, ctx.eventSource.length() - 14));
        }
        JsonNode identity = ctx.input("userIdentity");
        String account = firstNonNull(JsonValues.text(identity, "accountId"), ctx.inputText("recipientAccountId"),
                ctx.inputText("awsAccountId"));
        if (account != null) {
            cloud.putObject("account").put("id", account);
        }

        EcsObject trail = ctx.node("aws", "cloudtrail");
        for (String[] rename : TEXT_RENAMES) {
            MappingContext.putText(trail, rename[1], ctx.inputText(rename[0]));
        }
        JsonNode readOnly = ctx.input("readOnly");
        if (readOnly != null && readOnly.isValueNode()) {
            trail.put("read_only", readOnly.isBoolean() ? readOnly.booleanValue() : Boolean.parseBoolean(readOnly.asText()));
        }
        String sharedEventId = firstNonNull(ctx.inputText("sharedEventID"), ctx.inputText("sharedEventId"));
        MappingContext.putText(trail, "shared_event_id", sharedEventId);
        JsonNode addendum = JsonValues.object(ctx.record, "addendum");
        if (addendum != null) {
            EcsObject target = trail.putObject("addendum");
            for (String[] rename : ADDENDUM_RENAMES) {
                MappingContext.putText(target, rename[1], JsonValues.text(addendum, rename[0]));
            }
        }
        mapResources(ctx, trail);
        categorize(ctx, event, categorizer);
    }

    private static void mapResources(MappingContext ctx, EcsObject trail) {
        JsonNode resources = ctx.input("resources");
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

    private static void categorize(MappingContext ctx, EcsObject event, EventCategorizer categorizer) {
        String outcome = hasError(ctx) ? "failure" : "success";
        if ("ConsoleLogin".equals(ctx.eventName)) {
            String login = JsonValues.text(JsonValues.object(ctx.record, "responseElements"), "ConsoleLogin");
            if (login != null) {
                outcome = login.toLowerCase(Locale.ROOT);
            }
        }
        event.put("outcome", outcome);
        EventCategorizer.Categorization categorization = categorizer.categorize(ctx.eventSource, ctx.eventName);
        if (!categorization.categories().isEmpty()) {
            event.putStrings("category", categorization.categories());
        }
        event.putStrings("type", categorization.types());
    }

    private static boolean hasError(MappingContext ctx) {
        return ctx.inputText("errorCode") != null || ctx.inputText("errorMessage") != null;
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
