package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Actor/target entity fields: {@code actor.entity.id}, {@code target.entity.id}, the typed
 * {@code user|host|service.target.entity.id}, {@code entity.target.id}, {@code user|service|host.entity.id} and
 * {@code related.entity}. Elastic emits these only behind the {@code actor_target_mapping} tag; here a builder
 * option switches them (on by default). Which request fields name a target is data: {@code entity-fields.tsv}.
 * All sets are sorted, as Elastic's are, so equal inputs give equal arrays.
 */
final class ActorTargetFields {

    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-zA-Z]{8,}");
    private static final Pattern ACCESS_KEY = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    private static final Pattern SERVICE_ID = Pattern.compile(
            "(sg|sgr|eni|vpc|subnet|acl|rtb|igw|nat|vpce|tgw|pcx|vol|snap|ami)-[0-9a-f]+");
    private static final Pattern USER_ARN = Pattern.compile(
            "arn:[^:]+:(iam|sts)::[^:]*:(user|role|assumed-role|federated-user|instance-profile|mfa)/.*");
    private static final Set<String> READ_VERBS = Set.of("Describe", "List", "Get");

    private record FieldRule(String service, Pattern eventName, boolean target, String[] path) {
    }

    private final List<FieldRule> rules = new ArrayList<>();

    ActorTargetFields() {
        for (String[] row : EventCategorizer.readTable("entity-fields.tsv", 4)) {
            rules.add(new FieldRule(row[0], Pattern.compile(row[1]), row[2].equals("target"), row[3].split("\\.")));
        }
    }

    void map(MappingContext ctx) {
        JsonNode identity = ctx.input("userIdentity");
        JsonNode issuer = JsonValues.object(JsonValues.object(identity, "sessionContext"), "sessionIssuer");
        String type = JsonValues.text(identity, "type");
        String arn = JsonValues.text(identity, "arn");
        String issuerArn = JsonValues.text(issuer, "arn");

        Set<String> related = new TreeSet<>();
        for (String value : new String[] {JsonValues.text(identity, "accessKeyId"), arn, JsonValues.text(identity, "userName"),
                issuerArn, JsonValues.text(issuer, "userName"),
                JsonValues.text(JsonValues.object(identity, "onBehalfOf"), "identityStoreArn")}) {
            MappingContext.addRelated(related, value);
        }

        String actor = actor(ctx, type, identity, arn, issuerArn);
        Set<String> targets = new TreeSet<>();
        String service = ctx.eventSource == null ? "" : ctx.eventSource.replace(".amazonaws.com", "");
        for (FieldRule rule : rules) {
            if ((rule.service().equals("*") || rule.service().equals(service))
                    && ctx.eventName != null && rule.eventName().matcher(ctx.eventName).matches()) {
                collect(ctx.record, rule.path(), 0, rule.target() ? targets : related);
            }
        }
        String account = ctx.inputText("recipientAccountId");
        if (targets.remove("*") && account != null) {
            targets.add(account); // "all instances" means the account
        }
        if (targets.isEmpty() && account != null && ctx.eventName != null && startsWithReadVerb(ctx.eventName)) {
            targets.add(account); // account-wide reads (GetCallerIdentity, List*) act on the account itself
        }
        if (actor == null && targets.isEmpty() && related.isEmpty()) {
            return;
        }
        if (actor != null) {
            ctx.node("actor", "entity").set("id", MappingContext.stringArray(List.of(actor)));
            writeTypedActor(ctx, type, issuerArn, actor);
        }
        writeTargets(ctx, targets);
        related.addAll(targets);
        if (actor != null) {
            related.add(actor);
        }
        if (!related.isEmpty()) {
            ctx.node("related").set("entity", MappingContext.stringArray(related));
        }
    }

    private static String actor(MappingContext ctx, String type, JsonNode identity, String arn, String issuerArn) {
        if ("AssumeRole".equals(ctx.eventName)) {
            if ("AWSService".equals(type)) {
                return JsonValues.text(identity, "invokedBy");
            }
            if ("AssumedRole".equals(type) && issuerArn != null) {
                return issuerArn;
            }
        }
        if (arn != null) {
            return arn;
        }
        if ("AWSService".equals(type)) {
            return JsonValues.text(identity, "invokedBy");
        }
        return JsonValues.text(JsonValues.object(identity, "onBehalfOf"), "userId");
    }

    private static void writeTypedActor(MappingContext ctx, String type, String issuerArn, String actor) {
        boolean serviceActor = "AWSService".equals(type)
                || (issuerArn != null && issuerArn.contains(":role/aws-service-role/"));
        String field;
        if (serviceActor) {
            field = "service";
        } else if (INSTANCE_ID.matcher(actor).matches() || actor.contains(":instance/")) {
            field = "host";
        } else if ("IAMUser".equals(type) || "Root".equals(type) || "AssumedRole".equals(type)
                || "FederatedUser".equals(type) || USER_ARN.matcher(actor).matches()) {
            field = "user";
        } else {
            ctx.node("entity").set("id", MappingContext.stringArray(List.of(actor)));
            return;
        }
        ctx.node(field, "entity").set("id", MappingContext.stringArray(List.of(actor)));
    }

    private static void writeTargets(MappingContext ctx, Set<String> targets) {
        if (targets.isEmpty()) {
            return;
        }
        ctx.node("target", "entity").set("id", MappingContext.stringArray(targets));
        Set<String> users = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        Set<String> hostIds = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        for (String target : targets) {
            if (INSTANCE_ID.matcher(target).matches()) {
                hosts.add(target);
                hostIds.add(target);
            } else if (target.startsWith("arn:") && target.contains(":instance/")) {
                hosts.add(target);
                hostIds.add(target.substring(target.lastIndexOf('/') + 1));
            } else if (USER_ARN.matcher(target).matches() || ACCESS_KEY.matcher(target).matches()) {
                users.add(target);
            } else if (target.startsWith("arn:") || SERVICE_ID.matcher(target).matches()) {
                services.add(target);
            } else {
                others.add(target);
            }
        }
        setIfAny(ctx, users, "user", "target", "entity");
        setIfAny(ctx, hosts, "host", "target", "entity");
        if (!hostIds.isEmpty()) {
            ctx.node("host", "target").set("id", MappingContext.stringArray(hostIds));
        }
        setIfAny(ctx, services, "service", "target", "entity");
        setIfAny(ctx, others, "entity", "target");
    }

    private static void setIfAny(MappingContext ctx, Collection<String> values, String... path) {
        if (!values.isEmpty()) {
            ctx.node(path).set("id", MappingContext.stringArray(values));
        }
    }

    private static boolean startsWithReadVerb(String eventName) {
        for (String verb : READ_VERBS) {
            if (eventName.startsWith(verb) && eventName.length() > verb.length()
                    && Character.isUpperCase(eventName.charAt(verb.length()))) {
                return true;
            }
        }
        return false;
    }

    private static void collect(JsonNode node, String[] path, int index, Set<String> into) {
        if (node == null) {
            return;
        }
        if (index == path.length) {
            if (node.isValueNode()) {
                MappingContext.addRelated(into, node.asText());
            } else if (node.isArray()) {
                node.forEach(element -> collect(element, path, index, into));
            }
            return;
        }
        String step = path[index];
        boolean walkArray = step.endsWith("[]");
        JsonNode child = node.get(walkArray ? step.substring(0, step.length() - 2) : step);
        if (child == null) {
            return;
        }
        if (walkArray && child.isArray()) {
            child.forEach(element -> collect(element, path, index + 1, into));
        } else {
            collect(child, path, index + 1, into);
        }
    }
}
