package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * {@code group.*}, {@code user.target.*}, {@code user.changes.*} (who was acted on) and the final
 * {@code related.*} arrays.
 */
final class RelatedFields {

    private static final int MIN_INSTANCE_ID_LENGTH = 10;

    private RelatedFields() {
    }

    static void mapTargets(MappingContext ctx) {
        JsonNode request = ctx.inputObject(TopField.REQUEST_PARAMETERS);
        JsonNode response = ctx.inputObject(TopField.RESPONSE_ELEMENTS);
        String groupId = JsonValues.text(JsonValues.object(response, "group"), "groupId");
        String groupName = JsonValues.text(request, "groupName");
        if (groupId != null || groupName != null) {
            EcsObject group = ctx.node("group");
            MappingContext.putText(group, "id", groupId);
            MappingContext.putText(group, "name", groupName);
        }
        String targetId = JsonValues.text(JsonValues.object(response, "user"), "userId");
        String targetName = JsonValues.text(request, "userName");
        String newName = JsonValues.text(request, "newUserName");
        if (targetId != null || targetName != null) {
            EcsObject target = ctx.node("user", "target");
            MappingContext.putText(target, "id", targetId);
            MappingContext.putText(target, "name", targetName);
        }
        if (newName != null) {
            ctx.node("user", "changes").put("name", newName);
        }
        MappingContext.addRelated(ctx.relatedUser, targetName);
        MappingContext.addRelated(ctx.relatedUser, newName);

        MappingContext.addRelated(ctx.relatedHosts, JsonValues.text(request, "computerName"));
        collectInstanceIds(ctx, request);
        collectInstanceIds(ctx, response);
        JsonNode resources = ctx.input(TopField.RESOURCES);
        if (resources != null && resources.isArray()) {
            for (JsonNode resource : resources) {
                String arn = EventFields.firstNonNull(JsonValues.text(resource, "ARN"), JsonValues.text(resource, "arn"));
                if (arn != null && arn.contains(":instance/")) {
                    addInstanceId(ctx.relatedHosts, arn.substring(arn.lastIndexOf('/') + 1));
                }
            }
        }
    }

    private static void collectInstanceIds(MappingContext ctx, JsonNode payload) {
        if (payload == null) {
            return;
        }
        for (String key : new String[] {"instanceId", "target", "resourceId"}) {
            addInstanceId(ctx.relatedHosts, JsonValues.text(payload, key));
        }
        JsonNode ids = payload.get("instanceIds");
        if (ids != null && ids.isArray()) {
            ids.forEach(id -> addInstanceId(ctx.relatedHosts, JsonValues.text(id)));
        }
        JsonNode items = payload.path("instancesSet").path("items");
        if (items.isArray()) {
            items.forEach(item -> addInstanceId(ctx.relatedHosts, JsonValues.text(item, "instanceId")));
        }
    }

    private static void addInstanceId(UniqueStrings hosts, String value) {
        if (value != null && value.startsWith("i-") && value.length() >= MIN_INSTANCE_ID_LENGTH) {
            hosts.add(value);
        }
    }

    static void writeRelated(MappingContext ctx) {
        if (ctx.relatedUser.isEmpty() && ctx.relatedIp.isEmpty() && ctx.relatedHosts.isEmpty() && ctx.relatedHash.isEmpty()) {
            return;
        }
        EcsObject related = ctx.node("related");
        writeIfAny(related, "user", ctx.relatedUser);
        writeIfAny(related, "ip", ctx.relatedIp);
        writeIfAny(related, "hosts", ctx.relatedHosts);
        writeIfAny(related, "hash", ctx.relatedHash);
    }

    private static void writeIfAny(EcsObject related, String field, UniqueStrings values) {
        if (!values.isEmpty()) {
            related.putStrings(field, values.toArray());
        }
    }
}
