package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The free-form payloads: string forms ({@code aws.cloudtrail.request_parameters} …, Java {@code Map.toString()})
 * and structured copies under {@code aws.cloudtrail.flattened.*}, plus the ConsoleLogin booleans.
 */
final class PayloadFields {

    /** Elasticsearch/OpenSearch reject a keyword term over 32766 bytes; longer payloads keep only the string. */
    static final int FLATTENED_LIMIT = 32766;

    private static final TopField.Rename[] PAYLOADS = {
        new TopField.Rename(TopField.REQUEST_PARAMETERS, "request_parameters"),
        new TopField.Rename(TopField.RESPONSE_ELEMENTS, "response_elements"),
        new TopField.Rename(TopField.ADDITIONAL_EVENT_DATA, "additional_eventdata"),
        new TopField.Rename(TopField.SERVICE_EVENT_DETAILS, "service_event_details"),
    };

    /** The keys Elastic's "minimal" retention keeps in the structured copy: the ones detection rules query. */
    private static final String[][] MINIMAL_KEYS = {
        {"additionalEventData", "SSEApplied"},
        {"requestParameters", "cidrIp"},
        {"requestParameters", "dryRun"},
        {"requestParameters", "fromPort"},
        {"requestParameters", "includeDeprecated"},
        {"requestParameters", "policyArn"},
        {"requestParameters", "serialNumber"},
        {"requestParameters", "withDecryption"},
        {"requestParameters", "x-amz-server-side-encryption-customer-algorithm"},
    };

    private PayloadFields() {
    }

    static void map(MappingContext ctx, PayloadRetention retention) {
        EcsObject trail = ctx.node("aws", "cloudtrail");
        for (TopField.Rename payload : PAYLOADS) {
            JsonNode value = ctx.input(payload.from());
            JsonNode raw = ctx.rawInput(payload.from());
            if (value == null) {
                continue;
            }
            if ("UserAuthentication".equals(ctx.eventName) && payload.from() == TopField.ADDITIONAL_EVENT_DATA && value.isObject()
                    && value.has("UserName")) {
                // The user name became user.name; keeping it here too would duplicate it (as Elastic does not).
                value = withoutField((ObjectNode) value, "UserName");
                raw = raw instanceof ObjectNode rawObject ? withoutField(rawObject, "UserName") : raw;
                if (value.isEmpty()) {
                    continue;
                }
            }
            String text = JavaMapFormat.format(raw, value);
            if (retention.keepsStrings()) {
                trail.put(payload.to(), text);
            }
            boolean keepStructured = retention == PayloadRetention.ALL || retention == PayloadRetention.FLATTENED;
            if (keepStructured && text.length() < FLATTENED_LIMIT && value.isContainerNode()) {
                ctx.node("aws", "cloudtrail", "flattened").set(payload.to(), ctx.embed(value));
            }
        }
        if (retention == PayloadRetention.MINIMAL) {
            mapMinimal(ctx);
        }
        mapConsoleLogin(ctx);
    }

    private static void mapMinimal(MappingContext ctx) {
        for (String[] key : MINIMAL_KEYS) {
            JsonNode payload = ctx.inputObject(TopField.named(key[0]));
            JsonNode value = payload == null ? null : payload.get(key[1]);
            if (value != null) {
                String target = key[0].equals("additionalEventData") ? "additional_eventdata" : "request_parameters";
                ctx.node("aws", "cloudtrail", "flattened", target).set(key[1], ctx.embed(value));
            }
        }
    }

    private static void mapConsoleLogin(MappingContext ctx) {
        if (!"ConsoleLogin".equals(ctx.eventName)) {
            return;
        }
        JsonNode data = ctx.inputObject(TopField.ADDITIONAL_EVENT_DATA);
        if (data == null) {
            return;
        }
        EcsObject booleans = new EcsObject();
        String mobile = JsonValues.text(data, "MobileVersion");
        if (mobile != null) {
            booleans.put("mobile_version", !"No".equals(mobile));
        }
        String mfa = JsonValues.text(data, "MFAUsed");
        if (mfa != null) {
            booleans.put("mfa_used", !"No".equals(mfa));
        }
        MappingContext.putText(booleans, "login_to", JsonValues.text(data, "LoginTo"));
        if (!booleans.isEmpty()) {
            ctx.node("aws", "cloudtrail", "console_login").set("additional_eventdata", booleans);
        }
    }

    private static ObjectNode withoutField(ObjectNode object, String field) {
        ObjectNode copy = JsonValues.NODES.objectNode();
        object.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals(field)) {
                copy.set(entry.getKey(), entry.getValue());
            }
        });
        return copy;
    }
}
