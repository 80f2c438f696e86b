package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an {@link IncidentScript} into complete CloudTrail records for one trail: the incident happens in the
 * first account, in the hour starting at {@code start}; IAM, STS, sign-in and Organizations events are recorded
 * in us-east-1 (and delivered to the us-east-1 chain, or the first region's chain when the trail has no
 * us-east-1), everything else in the account's first region. Deterministic for a seed.
 *
 * <p>Actor kinds map to identities of the population: {@code admin}, {@code admin2} and {@code victim} are
 * human IAM users (console users first), {@code leaked} another IAM user (a machine user when there is one)
 * whose long-term access key leaked, {@code role} the first assumed-role session, {@code root} the root user.
 *
 * <p>Placeholders {@code ${...}} in string values: names from the script's {@code define} line;
 * {@code account}, {@code accountSuffix} (last 4 digits), {@code region} (the event's region), {@code trail},
 * {@code requestID}, {@code i} (1-based repetition), {@code eventTime} / {@code eventTimeAws} (ISO /
 * {@code Jan 5, 2026, 8:12:03 PM}, optionally {@code +Nd} days later), {@code user.KIND}, {@code arn.KIND},
 * {@code principalId.KIND}, {@code role.name}, {@code role.arn}, {@code home.ip} / {@code home.agent} (the
 * step actor's usual ones), {@code key.leaked}; and generated ids {@code hexN}, {@code upperN} (base-32
 * upper case, like AWS ids), {@code digitsN}, {@code uuid}, each with an optional {@code :label} that gives
 * the same value wherever the label is used again.
 */
final class Incident {

    static final String GLOBAL_REGION = "us-east-1";
    private static final Set<String> GLOBAL_SOURCES = Set.of("iam.amazonaws.com", "sts.amazonaws.com",
            "signin.amazonaws.com", "organizations.amazonaws.com");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern GENERATED = Pattern.compile("(hex|upper|digits)(\\d{1,3})(?::(.+))?|uuid(?::(.+))?");
    private static final Pattern TIME = Pattern.compile("(eventTime|eventTimeAws)(?:\\+(\\d{1,3})d)?");
    private static final DateTimeFormatter AWS_TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final Set<String> ENVELOPE = Set.of("eventVersion", "userIdentity", "eventTime", "eventSource",
            "eventName", "awsRegion", "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "requestParameters",
            "responseElements", "additionalEventData", "requestID", "eventID", "readOnly", "resources", "eventType",
            "apiVersion", "managementEvent", "recipientAccountId", "eventCategory", "tlsDetails",
            "sessionCredentialFromConsole");

    /**
     * One planted record.
     *
     * @param sequence    order of the record in the incident (by event time, then script order)
     * @param scenario    the step's scenario tag
     * @param eventTime   the record's event time
     * @param account     recipient account
     * @param chainRegion region whose log files carry the record
     * @param record      the complete CloudTrail record
     * @param indicators  the threat indicators (as written in the feed) this record matches
     */
    record Planted(int sequence, String scenario, Instant eventTime, String account, String chainRegion,
                   ObjectNode record, List<String> indicators) {
    }

    private final Instant start;
    private final List<Planted> planted;
    private final List<String> indicators;
    private final List<String> decoys;
    private final List<String> adminUsers;

    private Incident(Instant start, List<Planted> planted, List<String> indicators, List<String> decoys,
                     List<String> adminUsers) {
        this.start = start;
        this.planted = List.copyOf(planted);
        this.indicators = List.copyOf(indicators);
        this.decoys = List.copyOf(decoys);
        this.adminUsers = List.copyOf(adminUsers);
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return start.plus(Duration.ofHours(1));
    }

    /** All planted records, by event time. */
    List<Planted> planted() {
        return planted;
    }

    /** The records delivered to one chain, by event time. */
    List<Planted> plantedFor(String account, String region) {
        return planted.stream().filter(p -> p.account().equals(account) && p.chainRegion().equals(region)).toList();
    }

    /** Threat indicators the planted records carry. */
    List<String> indicators() {
        return indicators;
    }

    /** Threat indicators that match nothing in the trail. */
    List<String> decoys() {
        return decoys;
    }

    /** User names of the admins (human IAM users who make changes in the incident). */
    List<String> adminUsers() {
        return adminUsers;
    }

    /** The identities the actor kinds stand for. */
    private record Cast(Map<String, Actor> actors, String account) {
        Actor get(String kind) {
            return actors.get(kind);
        }
    }

    /** One occurrence of a step. */
    private record Occurrence(IncidentScript.Step step, int index, Instant time, int order) {
    }

    /**
     * A console or role session: its temporary key, when it began, and the address and agent of the sign-in
     * that started it (null when it began before the incident).
     */
    private record Session(String accessKeyId, Instant created, String ip, String agent) {
    }

    static Incident plan(IncidentScript script, Population population, List<String> regions, String trailName,
                         long seed, Instant start) {
        return new Planner(script, population, regions, trailName, seed, start).plan();
    }

    /** Chooses the cast: see the class comment. */
    private static Cast cast(Population population, String account) {
        List<Actor> actors = population.actors(account);
        List<Actor> users = actors.stream().filter(a -> a.type() == IdentityType.IAM_USER).toList();
        List<Actor> humans = new ArrayList<>();
        users.stream().filter(a -> a.consoleUser() && !a.name().contains("-")).forEach(humans::add);
        users.stream().filter(a -> !a.consoleUser() && !a.name().contains("-")).forEach(humans::add);
        users.stream().filter(a -> a.name().contains("-")).forEach(humans::add);
        if (humans.size() < 4) {
            throw new IllegalStateException("the incident needs 4 IAM users in account " + account);
        }
        Map<String, Actor> cast = new HashMap<>();
        cast.put("admin", humans.get(0));
        cast.put("admin2", humans.get(1));
        cast.put("victim", humans.get(2));
        Actor leaked = users.stream().filter(a -> a.name().contains("-") && !humans.subList(0, 3).contains(a))
                .findFirst().orElse(humans.get(3));
        cast.put("leaked", leaked);
        cast.put("role", actors.stream().filter(a -> a.type() == IdentityType.ASSUMED_ROLE).findFirst().orElseThrow());
        cast.put("root", actors.stream().filter(a -> a.type() == IdentityType.ROOT).findFirst().orElseThrow());
        return new Cast(Map.copyOf(cast), account);
    }

    private static final class Planner {
        private final IncidentScript script;
        private final List<String> regions;
        private final String trailName;
        private final Instant start;
        private final Cast cast;
        private final String account;
        private final String region;
        private final String globalChainRegion;
        private final Random random;
        private final Map<String, String> labelled = new HashMap<>();
        private final Map<String, Session> sessions = new HashMap<>();
        private final Map<String, String> longTermKeys = new HashMap<>();
        private final String leakedKey;

        Planner(IncidentScript script, Population population, List<String> regions, String trailName, long seed,
                Instant start) {
            this.script = script;
            this.regions = regions;
            this.trailName = trailName;
            this.start = start;
            this.account = population.accountIds().get(0);
            this.cast = cast(population, account);
            this.region = regions.get(0);
            this.globalChainRegion = regions.contains(GLOBAL_REGION) ? GLOBAL_REGION : regions.get(0);
            this.random = new Random(seed * 0x9E3779B97F4A7C15L + 0x1C1DE47L);
            this.leakedKey = "AKIA" + Population.upperId(random, 16);
            longTermKeys.put("leaked", leakedKey);
        }

        Incident plan() {
            List<Occurrence> occurrences = new ArrayList<>();
            int order = 0;
            for (IncidentScript.Step step : script.steps()) {
                for (int i = 0; i < step.repeat(); i++) {
                    occurrences.add(new Occurrence(step, i + 1,
                            start.plusSeconds(step.atSeconds() + (long) i * step.every()), order++));
                }
            }
            occurrences.sort(Comparator.comparing(Occurrence::time).thenComparingInt(Occurrence::order));
            Context neutral = new Context(null, region, start, 0, null);
            List<String> indicators = script.indicators().stream().map(v -> resolve(v, neutral)).toList();
            List<String> decoys = script.decoys().stream().map(v -> resolve(v, neutral)).toList();
            IndicatorMatcher matcher = new IndicatorMatcher(indicators);
            List<Planted> planted = new ArrayList<>();
            for (Occurrence occurrence : occurrences) {
                ObjectNode record = build(occurrence);
                boolean global = GLOBAL_SOURCES.contains(record.get("eventSource").asText());
                planted.add(new Planted(planted.size(), occurrence.step().scenario(), occurrence.time(), account,
                        global ? globalChainRegion : region, record, matcher.matches(record)));
            }
            List<String> admins = List.of(cast.get("admin").name(), cast.get("admin2").name());
            return new Incident(start, planted, indicators, decoys, admins);
        }

        private ObjectNode build(Occurrence occurrence) {
            IncidentScript.Step step = occurrence.step();
            ObjectNode data = step.record();
            String source = data.get("eventSource").asText();
            String name = data.get("eventName").asText();
            boolean global = GLOBAL_SOURCES.contains(source);
            String eventRegion = global ? GLOBAL_REGION : region;
            Instant time = occurrence.time();
            String requestId = uuid().toString();
            String eventId = uuid().toString();
            Context context = new Context(step.actor(), eventRegion, time, occurrence.index(), requestId);
            ObjectNode resolved = (ObjectNode) resolveTree(data, context);
            boolean signIn = name.equals("ConsoleLogin");
            String credential = step.credential() != null ? step.credential()
                    : signIn ? "signin" : step.actor().equals("leaked") ? "key" : "session";
            boolean failedSignIn = signIn && "Failure".equals(resolved.at("/responseElements/ConsoleLogin").asText());
            boolean mfa = step.mfa() != null ? step.mfa() : step.actor().startsWith("admin");
            // Calls in a console session come from where its sign-in came from, unless the step says otherwise.
            Session signedIn = credential.equals("session") ? sessions.get(step.actor()) : null;
            String ip = step.ip() != null ? step.ip()
                    : signedIn != null && signedIn.ip() != null ? signedIn.ip() : "${home.ip}";
            String agent = step.agent() != null ? step.agent()
                    : signedIn != null && signedIn.agent() != null ? signedIn.agent() : "${home.agent}";

            ObjectNode record = NODES.objectNode();
            record.set("eventVersion", resolved.has("eventVersion") ? resolved.get("eventVersion")
                    : TextNode.valueOf(signIn ? "1.09" : "1.10"));
            record.set("userIdentity", identity(step.actor(), credential, time, failedSignIn, mfa));
            record.put("eventTime", time.toString());
            record.put("eventSource", source);
            record.put("eventName", name);
            record.put("awsRegion", eventRegion);
            record.put("sourceIPAddress", resolve(ip, context));
            record.put("userAgent", resolve(agent, context));
            copyIfPresent(resolved, record, "errorCode");
            copyIfPresent(resolved, record, "errorMessage");
            record.set("requestParameters", resolved.has("requestParameters") ? resolved.get("requestParameters")
                    : NODES.nullNode());
            record.set("responseElements", resolved.has("responseElements") ? resolved.get("responseElements")
                    : NODES.nullNode());
            copyIfPresent(resolved, record, "additionalEventData");
            record.put("requestID", resolved.has("requestID") ? resolved.get("requestID").asText() : requestId);
            record.put("eventID", eventId);
            record.put("readOnly", resolved.has("readOnly") ? resolved.get("readOnly").asBoolean()
                    : name.matches("(Get|List|Describe|Lookup|Head).*"));
            copyIfPresent(resolved, record, "resources");
            record.put("eventType", resolved.has("eventType") ? resolved.get("eventType").asText()
                    : signIn ? "AwsConsoleSignIn" : "AwsApiCall");
            copyIfPresent(resolved, record, "apiVersion");
            record.put("managementEvent", !resolved.has("managementEvent") || resolved.get("managementEvent").asBoolean());
            record.put("recipientAccountId", account);
            record.put("eventCategory", resolved.has("eventCategory") ? resolved.get("eventCategory").asText()
                    : "Management");
            if (resolved.has("tlsDetails")) {
                copyIfPresent(resolved, record, "tlsDetails");
            } else {
                ObjectNode tls = record.putObject("tlsDetails");
                tls.put("tlsVersion", "TLSv1.3");
                tls.put("cipherSuite", "TLS_AES_128_GCM_SHA256");
                tls.put("clientProvidedHostHeader", host(source, eventRegion, record.get("requestParameters")));
            }
            if (credential.equals("session") && !step.actor().equals("role")) {
                record.put("sessionCredentialFromConsole", "true");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = resolved.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!ENVELOPE.contains(field.getKey())) {
                    record.set(field.getKey(), field.getValue());
                }
            }
            if (signIn && !failedSignIn) {
                // A successful sign-in starts a new console session for the later calls of this actor.
                sessions.put(step.actor(), new Session("ASIA" + Population.upperId(random, 16), time,
                        record.get("sourceIPAddress").asText(), record.get("userAgent").asText()));
            }
            return record;
        }

        private static void copyIfPresent(ObjectNode from, ObjectNode to, String field) {
            if (from.has(field)) {
                to.set(field, from.get(field));
            }
        }

        private static String host(String source, String eventRegion, JsonNode requestParameters) {
            String service = source.substring(0, source.indexOf('.'));
            return switch (service) {
                case "signin" -> "signin.aws.amazon.com";
                case "iam", "sts" -> source;
                case "s3" -> requestParameters.path("Host").isTextual() ? requestParameters.get("Host").asText()
                        : "s3." + eventRegion + ".amazonaws.com";
                default -> service + "." + eventRegion + ".amazonaws.com";
            };
        }

        private ObjectNode identity(String kind, String credential, Instant time, boolean failedSignIn, boolean mfa) {
            Actor actor = cast.get(kind);
            ObjectNode identity = NODES.objectNode();
            if (kind.equals("role")) {
                identity.put("type", "AssumedRole");
                identity.put("principalId", actor.principalId());
                identity.put("arn", actor.arn());
                identity.put("accountId", account);
                Session session = session(kind, time);
                identity.put("accessKeyId", session.accessKeyId());
                ObjectNode context = identity.putObject("sessionContext");
                ObjectNode issuer = context.putObject("sessionIssuer");
                issuer.put("type", "Role");
                issuer.put("principalId", actor.issuerId());
                issuer.put("arn", roleArn());
                issuer.put("accountId", account);
                issuer.put("userName", actor.issuerName());
                context.putObject("webIdFederationData");
                attributes(context, session, mfa);
                return identity;
            }
            boolean root = kind.equals("root");
            identity.put("type", root ? "Root" : "IAMUser");
            identity.put("principalId", actor.principalId());
            if (!(failedSignIn && !root)) {
                identity.put("arn", actor.arn());
            }
            identity.put("accountId", account);
            switch (credential) {
                case "signin" -> {
                    if (root || failedSignIn) {
                        identity.put("accessKeyId", "");
                    }
                    if (!root) {
                        identity.put("userName", actor.name());
                    }
                }
                case "key" -> {
                    identity.put("accessKeyId", longTermKeys.computeIfAbsent(kind,
                            k -> "AKIA" + Population.upperId(random, 16)));
                    if (!root) {
                        identity.put("userName", actor.name());
                    }
                }
                default -> {
                    Session session = session(kind, time);
                    identity.put("accessKeyId", session.accessKeyId());
                    if (!root) {
                        identity.put("userName", actor.name());
                    }
                    ObjectNode context = identity.putObject("sessionContext");
                    context.putObject("sessionIssuer");
                    context.putObject("webIdFederationData");
                    attributes(context, session, mfa);
                }
            }
            return identity;
        }

        private static void attributes(ObjectNode sessionContext, Session session, boolean mfa) {
            ObjectNode attributes = sessionContext.putObject("attributes");
            attributes.put("creationDate", session.created().toString());
            attributes.put("mfaAuthenticated", Boolean.toString(mfa));
        }

        /** The actor's current session; one that began before the incident when the script did not sign it in. */
        private Session session(String kind, Instant time) {
            return sessions.computeIfAbsent(kind, k -> new Session("ASIA" + Population.upperId(random, 16),
                    time.minusSeconds(900 + random.nextInt(1800)), null, null));
        }

        private String roleArn() {
            return "arn:aws:iam::" + account + ":role/" + cast.get("role").issuerName();
        }

        private UUID uuid() {
            long most = (random.nextLong() & ~0xF000L) | 0x4000L;
            long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(most, least);
        }

        /** What placeholders may refer to in one occurrence. */
        private record Context(String actorKind, String region, Instant time, int index, String requestId) {
        }

        private JsonNode resolveTree(JsonNode node, Context context) {
            if (node.isTextual()) {
                return TextNode.valueOf(resolve(node.asText(), context));
            }
            if (node.isObject()) {
                ObjectNode copy = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    copy.set(field.getKey(), resolveTree(field.getValue(), context));
                }
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = NODES.arrayNode();
                for (JsonNode element : node) {
                    copy.add(resolveTree(element, context));
                }
                return copy;
            }
            return node.deepCopy();
        }

        String resolve(String template, Context context) {
            return resolve(template, context, 0);
        }

        private String resolve(String template, Context context, int depth) {
            if (depth > 8) {
                throw new IllegalArgumentException("placeholders nest too deep in " + template);
            }
            Matcher matcher = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String value = resolve(lookup(matcher.group(1), context), context, depth + 1);
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private String lookup(String name, Context context) {
            String defined = script.defines().get(name);
            if (defined != null) {
                return defined;
            }
            Matcher time = TIME.matcher(name);
            if (time.matches()) {
                Instant at = context.time().plus(Duration.ofDays(time.group(2) == null ? 0 : Integer.parseInt(time.group(2))));
                return time.group(1).equals("eventTime") ? at.toString() : AWS_TIME.format(at);
            }
            Matcher generated = GENERATED.matcher(name);
            if (generated.matches()) {
                String label = generated.group(1) != null ? generated.group(3) : generated.group(4);
                if (label == null) {
                    return generate(generated);
                }
                return labelled.computeIfAbsent(name, k -> generate(generated));
            }
            if (name.contains(".")) {
                String prefix = name.substring(0, name.indexOf('.'));
                String kind = name.substring(name.indexOf('.') + 1);
                switch (prefix) {
                    case "user", "arn", "principalId" -> {
                        Actor actor = cast.get(kind);
                        if (actor != null) {
                            return switch (prefix) {
                                case "user" -> kind.equals("role") ? actor.issuerName() : actor.name();
                                case "arn" -> kind.equals("role") ? roleArn() : actor.arn();
                                default -> actor.principalId();
                            };
                        }
                    }
                    case "role" -> {
                        if (kind.equals("name")) {
                            return cast.get("role").issuerName();
                        }
                        if (kind.equals("arn")) {
                            return roleArn();
                        }
                    }
                    case "home" -> {
                        if (context.actorKind() != null && (kind.equals("ip") || kind.equals("agent"))) {
                            Actor actor = cast.get(context.actorKind());
                            return kind.equals("ip") ? actor.homeIp() : actor.homeUserAgent();
                        }
                    }
                    case "key" -> {
                        if (kind.equals("leaked")) {
                            return leakedKey;
                        }
                    }
                    default -> {
                    }
                }
            }
            switch (name) {
                case "account":
                    return account;
                case "accountSuffix":
                    return account.substring(account.length() - 4);
                case "region":
                    return context.region();
                case "trail":
                    return trailName;
                case "i":
                    return Integer.toString(context.index());
                case "requestID":
                    if (context.requestId() != null) {
                        return context.requestId();
                    }
                    break;
                default:
                    break;
            }
            throw new IllegalArgumentException("unknown placeholder ${" + name + "} in the incident script");
        }

        private String generate(Matcher generated) {
            if (generated.group(1) == null) {
                return uuid().toString();
            }
            int length = Integer.parseInt(generated.group(2));
            return switch (generated.group(1)) {
                case "hex" -> Population.lowerHex(random, length);
                case "upper" -> Population.upperId(random, length);
                default -> {
                    StringBuilder digits = new StringBuilder(length);
                    digits.append((char) ('1' + random.nextInt(9)));
                    for (int i = 1; i < length; i++) {
                        digits.append((char) ('0' + random.nextInt(10)));
                    }
                    yield digits.toString();
                }
            };
        }
    }

    /**
     * Which indicators of the feed a record matches, with the contract's type rules: an IP address or CIDR
     * matches {@code sourceIPAddress}; an ARN the identity, session issuer or resource ARNs; an access key id
     * {@code userIdentity.accessKeyId}; anything else the user agent exactly.
     */
    static final class IndicatorMatcher {
        private static final Pattern KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

        private final List<String> indicators;

        IndicatorMatcher(List<String> indicators) {
            this.indicators = List.copyOf(indicators);
        }

        List<String> matches(JsonNode record) {
            Set<String> matched = new LinkedHashSet<>();
            for (String indicator : indicators) {
                if (matches(indicator, record)) {
                    matched.add(indicator);
                }
            }
            return List.copyOf(matched);
        }

        static boolean matches(String indicator, JsonNode record) {
            if (indicator.startsWith("arn:")) {
                if (indicator.equals(record.at("/userIdentity/arn").asText(null))
                        || indicator.equals(record.at("/userIdentity/sessionContext/sessionIssuer/arn").asText(null))) {
                    return true;
                }
                for (JsonNode resource : record.path("resources")) {
                    if (indicator.equals(resource.path("ARN").asText(null))) {
                        return true;
                    }
                }
                return false;
            }
            if (KEY_ID.matcher(indicator).matches()) {
                return indicator.equals(record.at("/userIdentity/accessKeyId").asText(null));
            }
            if (isIpLiteral(indicator.replaceFirst("/\\d{1,3}$", ""))) {
                String source = record.path("sourceIPAddress").asText("");
                return isIpLiteral(source) && inRange(source, indicator);
            }
            return indicator.equals(record.path("userAgent").asText(null));
        }

        /** Literal addresses only, so that {@link InetAddress#getByName} never asks DNS. */
        private static boolean isIpLiteral(String value) {
            return IPV4.matcher(value).matches() || IPV6.matcher(value).matches();
        }

        private static boolean inRange(String address, String indicator) {
            try {
                int slash = indicator.indexOf('/');
                byte[] network = InetAddress.getByName(slash < 0 ? indicator : indicator.substring(0, slash)).getAddress();
                byte[] candidate = InetAddress.getByName(address).getAddress();
                if (network.length != candidate.length) {
                    return false;
                }
                int bits = slash < 0 ? network.length * 8 : Integer.parseInt(indicator.substring(slash + 1));
                for (int bit = 0; bit < bits; bit++) {
                    int mask = 0x80 >> (bit % 8);
                    if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
