package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.cloudtrailopensearch.mapper.PayloadRetention;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * The free-form payloads: string forms ({@code aws.cloudtrail.request_parameters} …, Java {@code Map.toString()})
 * and structured copies under {@code aws.cloudtrail.flattened.*}, plus the ConsoleLogin booleans.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class PayloadFields {

    /** Elasticsearch/OpenSearch reject a keyword term over 32766 bytes; longer payloads keep only the string. */
    public static final int FLATTENED_LIMIT = 32766;

    /** {@code minimal-retention.tsv}: the payload and key of each value kept by {@link PayloadRetention#MINIMAL}. */
    private static final List<MinimalKey> MINIMAL_KEYS = minimalKeys();

    private record MinimalKey(TopField payload, String key, String target) {
    }

    private PayloadFields() {
    }

    static void map(MappingContext ctx, PayloadRetention retention) {
        EcsObject trail = ctx.node("aws", "cloudtrail");
        for (Renames.Rename payload : Renames.PAYLOAD.rows()) {
            JsonNode value = ctx.input(payload.topField());
            JsonNode raw = ctx.rawInput(payload.topField());
            if (value == null) {
                continue;
            }
            if ("UserAuthentication".equals(ctx.eventName) && payload.topField() == TopField.ADDITIONAL_EVENT_DATA && value.isObject()
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
        for (MinimalKey key : MINIMAL_KEYS) {
            JsonNode payload = ctx.inputObject(key.payload());
            JsonNode value = payload == null ? null : payload.get(key.key());
            if (value != null) {
                ctx.node("aws", "cloudtrail", "flattened", key.target()).set(key.key(), ctx.embed(value));
            }
        }
    }

    private static List<MinimalKey> minimalKeys() {
        List<MinimalKey> keys = new ArrayList<>();
        for (RuleTable.Row row : RuleTable.read("minimal-retention.tsv", 2)) {
            TopField payload = TopField.named(row.column(0));
            Renames.Rename rename = payload == null ? null : Renames.PAYLOAD.of(payload);
            if (rename == null) {
                throw row.error(row.column(0) + " is not a payload of renames.tsv");
            }
            keys.add(new MinimalKey(payload, row.column(1), rename.to()));
        }
        return List.copyOf(keys);
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
