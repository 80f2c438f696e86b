package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * Actor/target entity fields: {@code actor.entity.id}, {@code target.entity.id}, the typed
 * {@code user|host|service.target.entity.id}, {@code entity.target.id}, {@code user|service|host.entity.id} and
 * {@code related.entity}. Elastic emits these only behind the {@code actor_target_mapping} tag; here a builder
 * option switches them (on by default). Which request fields name a target is data: {@code entity-fields.tsv}.
 * All sets are sorted, as Elastic's are, so equal inputs give equal arrays.
 */
final class ActorTargetFields {

    private static final List<String> SERVICE_ID_PREFIXES =
            List.of("sg", "sgr", "eni", "vpc", "subnet", "acl", "rtb", "igw", "nat", "vpce", "tgw", "pcx", "vol", "snap", "ami");
    private static final List<String> USER_RESOURCE_TYPES =
            List.of("user", "role", "assumed-role", "federated-user", "instance-profile", "mfa");
    private static final List<String> READ_VERBS = List.of("Describe", "List", "Get");

    /**
     * One step of a rule's path: a field name, whether its value is an array to walk ({@code name[]}), and for
     * a first step the top-level field it names.
     */
    record PathStep(String field, boolean walksArray, TopField topField) {
        static PathStep parse(String step) {
            boolean walksArray = step.endsWith("[]");
            String field = walksArray ? step.substring(0, step.length() - 2) : step;
            return new PathStep(field, walksArray, TopField.named(field));
        }
    }

    private record FieldRule(Pattern eventName, boolean target, PathStep[] path) {
        boolean appliesTo(String name) {
            return eventName == null || (name != null && eventName.matcher(name).matches());
        }
    }

    /**
     * The rules of one event, selected once per distinct event (see EventProfiles): the paths whose values are
     * targets, those whose values are only related, and whether the event is an account-wide read.
     */
    record EventRules(PathStep[][] targetPaths, PathStep[][] relatedPaths, boolean accountWideRead) {
    }

    /** Rules by service; the key "*" holds the rules for every service. */
    private final Map<String, List<FieldRule>> rulesByService = new HashMap<>();

    ActorTargetFields() {
        for (RuleTable.Row tableRow : RuleTable.read("entity-fields.tsv", 4)) {
            String[] row = tableRow.columns();
            Pattern eventName = row[1].equals(".*") ? null : Pattern.compile(row[1]);
            PathStep[] path = Arrays.stream(row[3].split("\\.")).map(PathStep::parse).toArray(PathStep[]::new);
            if (path[0].topField() == null) {
                throw tableRow.error(row[3] + " does not start at a top-level field of " + TopField.TABLE);
            }
            rulesByService.computeIfAbsent(row[0], service -> new ArrayList<>())
                    .add(new FieldRule(eventName, row[2].equals("target"), path));
        }
    }

    /** Selects the rules for one event: the general ones and its service's, whose event-name pattern matches. */
    EventRules rulesFor(String eventSource, String eventName) {
        String service = eventSource == null || !eventSource.endsWith(".amazonaws.com") ? ""
                : eventSource.substring(0, eventSource.length() - ".amazonaws.com".length());
        List<PathStep[]> targetPaths = new ArrayList<>();
        List<PathStep[]> relatedPaths = new ArrayList<>();
        for (String key : new String[] {"*", service}) {
            for (FieldRule rule : rulesByService.getOrDefault(key, List.of())) {
                if (rule.appliesTo(eventName)) {
                    (rule.target() ? targetPaths : relatedPaths).add(rule.path());
                }
            }
        }
        return new EventRules(targetPaths.toArray(PathStep[][]::new), relatedPaths.toArray(PathStep[][]::new),
                eventName != null && startsWithReadVerb(eventName));
    }

    /** Needs {@code ctx.profile.entityRules()} from {@link #rulesFor} of this instance. */
    void map(MappingContext ctx) {
        JsonNode identity = ctx.input(TopField.USER_IDENTITY);
        JsonNode issuer = JsonValues.object(JsonValues.object(identity, "sessionContext"), "sessionIssuer");
        String type = JsonValues.text(identity, "type");
        String arn = JsonValues.text(identity, "arn");
        String issuerArn = JsonValues.text(issuer, "arn");

        // Lists, sorted and de-duplicated once at the end: a handful of values each, where a TreeSet's entry per
        // element and its rebalancing cost more than one small sort.
        List<String> related = new ArrayList<>(8);
        addIfPresent(related, JsonValues.text(identity, "accessKeyId"));
        addIfPresent(related, arn);
        addIfPresent(related, JsonValues.text(identity, "userName"));
        addIfPresent(related, issuerArn);
        addIfPresent(related, JsonValues.text(issuer, "userName"));
        addIfPresent(related, JsonValues.text(JsonValues.object(identity, "onBehalfOf"), "identityStoreArn"));

        String actor = actor(ctx, type, identity, arn, issuerArn);
        List<String> targets = new ArrayList<>(4);
        EventRules rules = ctx.profile.entityRules();
        for (PathStep[] path : rules.targetPaths()) {
            collect(ctx, path, targets);
        }
        for (PathStep[] path : rules.relatedPaths()) {
            collect(ctx, path, related);
        }
        String account = ctx.inputText(TopField.RECIPIENT_ACCOUNT_ID);
        if (targets.removeIf("*"::equals) && account != null) {
            targets.add(account); // "all instances" means the account
        }
        if (targets.isEmpty() && account != null && rules.accountWideRead()) {
            targets.add(account); // account-wide reads (GetCallerIdentity, List*) act on the account itself
        }
        if (actor == null && targets.isEmpty() && related.isEmpty()) {
            return;
        }
        if (actor != null) {
            ctx.node("actor", "entity").putStrings("id", new String[] {actor});
            writeTypedActor(ctx, type, issuerArn, actor);
        }
        String[] sortedTargets = sortedUnique(targets);
        writeTargets(ctx, sortedTargets);
        related.addAll(targets);
        if (actor != null) {
            related.add(actor);
        }
        if (!related.isEmpty()) {
            ctx.node("related").putStrings("entity", sortedUnique(related));
        }
    }

    private static void addIfPresent(List<String> values, String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }

    /** The values sorted, each once (as Elastic's sets are). */
    private static String[] sortedUnique(List<String> values) {
        String[] sorted = values.toArray(new String[values.size()]);
        Arrays.sort(sorted);
        int unique = 0;
        for (String value : sorted) {
            if (unique == 0 || !value.equals(sorted[unique - 1])) {
                sorted[unique++] = value;
            }
        }
        return unique == sorted.length ? sorted : Arrays.copyOf(sorted, unique);
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
        } else if (isInstanceId(actor) || actor.contains(":instance/")) {
            field = "host";
        } else if ("IAMUser".equals(type) || "Root".equals(type) || "AssumedRole".equals(type)
                || "FederatedUser".equals(type) || isUserArn(actor)) {
            field = "user";
        } else {
            ctx.node("entity").putStrings("id", new String[] {actor});
            return;
        }
        ctx.node(field, "entity").putStrings("id", new String[] {actor});
    }

    private static void writeTargets(MappingContext ctx, String[] targets) {
        if (targets.length == 0) {
            return;
        }
        ctx.node("target", "entity").putStrings("id", targets);
        // targets is sorted, so each typed subset comes out sorted too; most events have one or two targets,
        // hence lazily created lists rather than five sets per record.
        List<String> users = null;
        List<String> hosts = null;
        List<String> hostIds = null;
        List<String> services = null;
        List<String> others = null;
        for (String target : targets) {
            if (isInstanceId(target)) {
                hosts = add(hosts, target);
                hostIds = add(hostIds, target);
            } else if (target.startsWith("arn:") && target.contains(":instance/")) {
                hosts = add(hosts, target);
                hostIds = add(hostIds, target.substring(target.lastIndexOf('/') + 1));
            } else if (isUserArn(target) || isAccessKeyId(target)) {
                users = add(users, target);
            } else if (target.startsWith("arn:") || isServiceResourceId(target)) {
                services = add(services, target);
            } else {
                others = add(others, target);
            }
        }
        setIfAny(ctx, users, "user", "target", "entity");
        setIfAny(ctx, hosts, "host", "target", "entity");
        if (hostIds != null) {
            ctx.node("host", "target").putStrings("id", sortedUnique(hostIds));
        }
        setIfAny(ctx, services, "service", "target", "entity");
        setIfAny(ctx, others, "entity", "target");
    }

    private static List<String> add(List<String> list, String value) {
        List<String> result = list == null ? new ArrayList<>(2) : list;
        result.add(value);
        return result;
    }

    private static void setIfAny(MappingContext ctx, Collection<String> values, String... path) {
        if (values != null && !values.isEmpty()) {
            ctx.node(path).putStrings("id", values);
        }
    }

    /** {@code i-0123456789abcdef0}: an EC2 instance. */
    static boolean isInstanceId(String value) {
        return value.length() >= 10 && value.startsWith("i-") && isAlphanumeric(value, 2);
    }

    private static boolean isAccessKeyId(String value) {
        return value.length() == 20 && (value.startsWith("AKIA") || value.startsWith("ASIA")) && isAlphanumeric(value, 4);
    }

    /** {@code sg-…}, {@code vpc-…}, …: network and storage resources, which are services in ECS terms. */
    private static boolean isServiceResourceId(String value) {
        int dash = value.indexOf('-');
        return dash > 0 && dash < value.length() - 1 && oneOf(SERVICE_ID_PREFIXES, value, 0, dash)
                && isAlphanumeric(value, dash + 1);
    }

    /** {@code arn:aws:iam::1:user/x}, {@code arn:aws:sts::1:assumed-role/r/s}, …: identities, i.e. users in ECS terms. */
    private static boolean isUserArn(String value) {
        if (!value.startsWith("arn:") || !(value.contains(":iam::") || value.contains(":sts::"))) {
            return false;
        }
        int resource = value.indexOf(':', value.indexOf("::") + 2);
        int slash = resource < 0 ? -1 : value.indexOf('/', resource);
        return slash > resource && oneOf(USER_RESOURCE_TYPES, value, resource + 1, slash);
    }

    /** Whether {@code value}'s characters from {@code start} to {@code end} are one of {@code words}, without a substring. */
    private static boolean oneOf(List<String> words, String value, int start, int end) {
        for (String word : words) {
            if (word.length() == end - start && value.startsWith(word, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAlphanumeric(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            if (!Character.isLetterOrDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
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

    /** Collects the values at {@code path}, whose first step is a top-level field of the record. */
    private static void collect(MappingContext ctx, PathStep[] path, List<String> into) {
        step(ctx.input(path[0].topField()), path, 0, into);
    }

    private static void collect(JsonNode node, PathStep[] path, int index, List<String> into) {
        if (node == null) {
            return;
        }
        if (index == path.length) {
            if (node.isValueNode()) {
                addIfPresent(into, node.asText());
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    collect(element, path, index, into);
                }
            }
            return;
        }
        step(node.get(path[index].field()), path, index, into);
    }

    /** Goes on from {@code child}, the value of {@code path[index]}'s field. */
    private static void step(JsonNode child, PathStep[] path, int index, List<String> into) {
        if (child == null) {
            return;
        }
        if (path[index].walksArray() && child.isArray()) {
            for (JsonNode element : child) {
                collect(element, path, index + 1, into);
            }
        } else {
            collect(child, path, index + 1, into);
        }
    }
}
