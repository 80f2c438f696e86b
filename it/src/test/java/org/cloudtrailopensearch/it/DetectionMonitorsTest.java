package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.TrailRecords;
import org.cloudtrailopensearch.loader.cli.Main;
import org.cloudtrailopensearch.loader.demo.TrailTampering;
import org.cloudtrailopensearch.loader.detections.MonitorEvaluator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Alerting monitors against real data on a real node, evaluated by {@link MonitorEvaluator} in
 * consecutive windows (each window = the monitor's schedule interval, tiling the whole trail):
 * <ul>
 *   <li>a trail whose only security-relevant records are the generator's scripted incident
 *       ({@code securityEvents(false).incident(true)}), with the log file of a planted record altered after
 *       generation and loaded with {@code --verify-integrity mark}: in every window each monitor's hit count
 *       equals an independent count over the raw CloudTrail records (a predicate per monitor written on the
 *       raw JSON, not on the mapped documents), each trigger fires exactly when that count (or, for bursts, the
 *       largest group) reaches the condition, every monitor fires during the incident hour, and the total equals
 *       what the incident script plants;</li>
 *   <li>a quiet trail ({@code securityEvents(false)}, no incident, nothing altered): no window of any monitor
 *       has a hit or fires.</li>
 * </ul>
 * Trigger conditions need painless on the node; where it is missing (the 2.x integ-test distribution), the hit
 * counts of every monitor without a {@code script} query are still checked, and the test then reports itself
 * skipped for the rest.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class DetectionMonitorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AGG_CONDITION =
            Pattern.compile("ctx\\.results\\[0]\\.aggregations\\.(\\w+)\\.buckets\\.stream\\(\\)\\.anyMatch\\(b -> b\\.doc_count >= (\\d+)\\)");

    @TempDir
    Path work;

    @Test
    void everyMonitorFiresOnTheIncidentWithTheExpectedCounts(OpenSearchCluster cluster) throws Exception {
        Trail trail = Trail.generate(work.resolve("trail"), true, 6, 7);
        trail.alterLogFileOf("cloudtrail-tampering");
        trail.load(cluster, work);
        MonitorEvaluator evaluator = new MonitorEvaluator(cluster.client());
        boolean painless = evaluator.painlessAvailable();
        Map<String, Expectation> expectations = expectations(trail);
        List<String> notEvaluated = new ArrayList<>();
        StringBuilder measured = new StringBuilder();

        for (DashboardAssets.Monitor monitor : DashboardAssets.monitors()) {
            Expectation expected = expectations.get(monitor.id());
            assertTrue(expected != null, "no expectation for monitor " + monitor.id());
            if (!painless && usesScript(monitor)) {
                notEvaluated.add(monitor.id());
                continue;
            }
            long total = 0;
            int windows = 0;
            int firedInIncident = 0;
            for (Window window : windows(monitor, trail.summary)) {
                long oracle = trail.records.stream().filter(r -> window.contains(r.time) && expected.matches.test(r)).count();
                long hits;
                if (painless) {
                    MonitorEvaluator.MonitorResult result = evaluator.evaluate(monitor.json(), window.end);
                    hits = result.hits();
                    for (MonitorEvaluator.TriggerResult trigger : result.triggers()) {
                        boolean shouldFire = expected.fires(trail.records, window, triggerCondition(monitor, trigger.name()));
                        assertEquals(shouldFire, trigger.fired(), monitor.id() + " / " + trigger.name() + " at " + window);
                        if (trigger.fired() && window.overlaps(trail.summary.incidentStart(), trail.summary.incidentEnd())) {
                            firedInIncident++;
                        }
                    }
                } else {
                    hits = evaluator.search(monitor.json(), window.end).hits();
                }
                assertEquals(oracle, hits, monitor.id() + ": hits at " + window);
                total += hits;
                windows++;
            }
            assertEquals(expected.incidentTotal, total, monitor.id() + ": hits over the whole trail");
            if (painless) {
                assertTrue(firedInIncident > 0, monitor.id() + " never fired during the incident hour");
            }
            measured.append(String.format("%n  %-44s hits %3d in %3d windows, trigger firings in the incident hour: %d",
                    monitor.id(), total, windows, firedInIncident));
        }
        System.out.println("[it] monitors on the incident trail (" + trail.summary.incidentStart() + " .. "
                + trail.summary.incidentEnd() + "):" + measured);
        skipRestWithoutPainless(painless, notEvaluated);
    }

    @Test
    void everyMonitorStaysSilentOnAQuietTrail(OpenSearchCluster cluster) throws Exception {
        Trail trail = Trail.generate(work.resolve("quiet"), false, 12, 8);
        trail.load(cluster, work);
        MonitorEvaluator evaluator = new MonitorEvaluator(cluster.client());
        boolean painless = evaluator.painlessAvailable();
        Map<String, Expectation> expectations = expectations(trail);
        List<String> notEvaluated = new ArrayList<>();
        int evaluations = 0;
        for (DashboardAssets.Monitor monitor : DashboardAssets.monitors()) {
            if (!painless && usesScript(monitor)) {
                notEvaluated.add(monitor.id());
                continue;
            }
            Predicate<Record> matches = expectations.get(monitor.id()).matches;
            assertEquals(0, trail.records.stream().filter(matches).count(), monitor.id() + ": the quiet trail has a matching record");
            for (Window window : windows(monitor, trail.summary)) {
                if (painless) {
                    MonitorEvaluator.MonitorResult result = evaluator.evaluate(monitor.json(), window.end);
                    assertEquals(0, result.hits(), monitor.id() + " at " + window);
                    assertFalse(result.fired(), monitor.id() + " fired at " + window);
                } else {
                    assertEquals(0, evaluator.search(monitor.json(), window.end).hits(), monitor.id() + " at " + window);
                }
                evaluations++;
            }
        }
        System.out.println("[it] quiet trail (" + trail.records.size() + " records, " + trail.summary.start() + " .. "
                + trail.summary.end() + "): " + evaluations + " monitor windows, none with a hit or a firing trigger");
        skipRestWithoutPainless(painless, notEvaluated);
    }

    private static void skipRestWithoutPainless(boolean painless, List<String> notEvaluated) {
        Assumptions.assumeTrue(painless, "hit counts checked; this node has no painless, so trigger conditions and "
                + "the script-query monitors " + notEvaluated + " were not evaluated");
    }

    /** What each monitor must find, as predicates on the raw CloudTrail records, and the planted totals. */
    static Map<String, Expectation> expectations(Trail trail) {
        Map<String, Expectation> e = new LinkedHashMap<>();
        e.put("root-account-used", new Expectation(r -> r.text("userIdentity.type").equals("Root")
                && r.missing("userIdentity.invokedBy") && !r.text("eventType").equals("AwsServiceEvent"), 4));
        e.put("cloudtrail-logging-stopped", new Expectation(r -> r.source("cloudtrail") && r.succeeded()
                && (r.named("StopLogging", "DeleteTrail")
                || r.named("UpdateTrail") && (r.isFalse("requestParameters.enableLogFileValidation")
                        || r.isFalse("requestParameters.includeGlobalServiceEvents"))
                || r.named("PutEventSelectors") && r.all("requestParameters.eventSelectors").stream()
                        .map(s -> s.path("includeManagementEvents")).anyMatch(v -> v.isBoolean() && !v.asBoolean())
                        && r.all("requestParameters.eventSelectors").stream()
                        .map(s -> s.path("includeManagementEvents")).noneMatch(v -> v.isBoolean() && v.asBoolean())), 4));
        e.put("guardduty-disabled", new Expectation(r -> r.source("guardduty") && r.succeeded()
                && (r.named("DeleteDetector", "DisassociateFromMasterAccount", "DisassociateFromAdministratorAccount",
                "DisassociateMembers", "DeleteMembers", "StopMonitoringMembers")
                || r.named("UpdateDetector") && r.isFalse("requestParameters.enable")), 4));
        e.put("console-login-without-mfa", new Expectation(r -> r.named("ConsoleLogin")
                && r.text("responseElements.ConsoleLogin").equals("Success") && r.succeeded()
                && r.text("additionalEventData.MFAUsed").equals("No"), 2));
        // 8 failures of the victim from one address, and the root's failed sign-in.
        e.put("console-login-failures", new Expectation(r -> r.named("ConsoleLogin")
                && r.text("responseElements.ConsoleLogin").equals("Failure"), 9));
        e.put("iam-policy-changed", new Expectation(r -> r.source("iam") && r.named("DeleteGroupPolicy",
                "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy",
                "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
                "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"), 9)); // 8 changes, 1 refused
        e.put("access-key-created-for-another-user", new Expectation(r -> {
            String target = r.text("requestParameters.userName");
            return r.source("iam") && r.named("CreateAccessKey") && r.succeeded() && !target.isEmpty()
                    && !target.equals(r.userName()) && !r.text("userIdentity.arn").endsWith("/" + target);
        }, 1));
        e.put("network-opened-to-world", new Expectation(r -> r.source("ec2") && r.succeeded()
                && r.cidrs().stream().anyMatch(c -> c.equals("0.0.0.0/0") || c.equals("::/0"))
                && (r.named("AuthorizeSecurityGroupIngress")
                || r.named("CreateNetworkAclEntry", "ReplaceNetworkAclEntry")
                && r.text("requestParameters.ruleAction").equals("allow") && !r.isTrue("requestParameters.egress")), 3));
        e.put("kms-key-disabled-or-scheduled-for-deletion", new Expectation(r -> r.source("kms")
                && r.named("DisableKey", "ScheduleKeyDeletion"), 2));
        e.put("s3-bucket-or-object-made-public", new Expectation(r -> r.source("s3") && r.succeeded()
                && r.named("PutBucketAcl", "PutObjectAcl", "PutObject", "CreateBucket")
                && (r.s3Grantees().stream().anyMatch(g -> g.equals("http://acs.amazonaws.com/groups/global/AllUsers")
                        || g.equals("http://acs.amazonaws.com/groups/global/AuthenticatedUsers"))
                || r.s3CannedAcls().stream().anyMatch(Set.of("public-read", "public-read-write", "authenticated-read")::contains)), 5));
        e.put("s3-public-access-block-removed", new Expectation(r -> r.source("s3") && r.succeeded()
                && (r.text("eventName").matches("Delete.*PublicAccessBlock")
                || r.text("eventName").matches("Put.*PublicAccessBlock") && Stream.of("BlockPublicAcls", "IgnorePublicAcls",
                        "BlockPublicPolicy", "RestrictPublicBuckets")
                        .anyMatch(f -> r.isFalse("requestParameters.PublicAccessBlockConfiguration." + f))), 3));
        // The leaked key's 15 refused calls in four minutes, and its refused policy and security-group changes later.
        e.put("unauthorized-api-calls", new Expectation(r -> r.text("errorCode").startsWith("AccessDenied")
                || r.text("errorCode").endsWith("UnauthorizedOperation"), 17));
        e.put("log-file-integrity-failure", new Expectation(r -> trail.altered != null && r.file.equals(trail.altered),
                trail.alteredRecords));

        Map<String, Function<Record, String>> keys = new HashMap<>();
        keys.put("user.name", Record::userName);
        keys.put("source.ip", r -> r.text("sourceIPAddress"));
        keys.put("aws.cloudtrail.user_identity.arn", r -> r.text("userIdentity.arn"));
        e.values().forEach(x -> x.groupKeys.putAll(keys));
        return e;
    }

    /** The aggregation and threshold of a burst trigger, or null for a single-event trigger. */
    private static BurstCondition triggerCondition(DashboardAssets.Monitor monitor, String triggerName) throws IOException {
        JsonNode tree = JSON.readTree(monitor.json());
        for (JsonNode trigger : tree.path("triggers")) {
            if (trigger.path("name").asText().equals(triggerName)) {
                String source = trigger.path("condition").path("script").path("source").asText();
                Matcher matcher = AGG_CONDITION.matcher(source);
                if (!matcher.matches()) {
                    assertEquals("ctx.results[0].hits.total.value > 0", source, monitor.id() + ": unknown condition shape");
                    return null;
                }
                String field = tree.at("/inputs/0/search/query/aggregations/" + matcher.group(1) + "/terms/field").asText();
                return new BurstCondition(field, Integer.parseInt(matcher.group(2)));
            }
        }
        throw new IllegalArgumentException(triggerName);
    }

    private static boolean usesScript(DashboardAssets.Monitor monitor) throws IOException {
        return !JSON.readTree(monitor.json()).at("/inputs/0/search/query").findValues("script").isEmpty();
    }

    /** Consecutive windows of the monitor's interval from the trail's start until after its end. */
    static List<Window> windows(DashboardAssets.Monitor monitor, GenerationSummary summary) throws IOException {
        JsonNode period = JSON.readTree(monitor.json()).path("schedule").path("period");
        Duration step = period.path("unit").asText().equals("HOURS")
                ? Duration.ofHours(period.path("interval").asLong()) : Duration.ofMinutes(period.path("interval").asLong());
        List<Window> windows = new ArrayList<>();
        for (Instant end = summary.start().plus(step); end.isBefore(summary.end().plus(step).plus(step)); end = end.plus(step)) {
            windows.add(new Window(end.minus(step), end));
        }
        return windows;
    }

    record Window(Instant start, Instant end) {
        /** The monitors' range: {@code gt start, lte end}. */
        boolean contains(Instant time) {
            return time.isAfter(start) && !time.isAfter(end);
        }

        boolean overlaps(Instant from, Instant to) {
            return end.isAfter(from) && start.isBefore(to);
        }
    }

    record BurstCondition(String field, int threshold) {
    }

    static final class Expectation {
        final Predicate<Record> matches;
        final long incidentTotal;
        final Map<String, Function<Record, String>> groupKeys = new HashMap<>();

        Expectation(Predicate<Record> matches, long incidentTotal) {
            this.matches = matches;
            this.incidentTotal = incidentTotal;
        }

        /** Whether the trigger should fire in the window: any match, or a group reaching the threshold. */
        boolean fires(List<Record> records, Window window, BurstCondition burst) {
            Stream<Record> inWindow = records.stream().filter(r -> window.contains(r.time) && matches.test(r));
            if (burst == null) {
                return inWindow.findAny().isPresent();
            }
            Function<Record, String> key = groupKeys.get(burst.field());
            assertTrue(key != null, "no raw key for aggregation field " + burst.field());
            Map<String, Integer> counts = new HashMap<>();
            inWindow.map(key).filter(k -> k != null && !k.isEmpty()).forEach(k -> counts.merge(k, 1, Integer::sum));
            return counts.values().stream().anyMatch(n -> n >= burst.threshold());
        }
    }

    /** A generated trail, its raw records (with the log file each came from) and what was loaded. */
    static final class Trail {
        final Path dir;
        final GenerationSummary summary;
        final List<Record> records;
        final List<JsonNode> planted;
        Path altered;
        long alteredRecords;

        private Trail(Path dir, GenerationSummary summary, List<Record> records, List<JsonNode> planted) {
            this.dir = dir;
            this.summary = summary;
            this.records = records;
            this.planted = planted;
        }

        /** One account, us-east-1, no random security events; {@code incident} plants the scripted incident. */
        static Trail generate(Path dir, boolean incident, int hours, long seed) throws IOException {
            GenerationSummary summary = TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(hours)
                    .seed(seed).emptyHourPercent(0).securityEvents(false).incident(incident).build().writeTo(dir);
            List<Record> records = new ArrayList<>();
            TrailRecords.readByFile(dir.resolve("AWSLogs"))
                    .forEach((log, inFile) -> inFile.forEach(record -> records.add(new Record(record, log))));
            List<JsonNode> planted = new ArrayList<>();
            Path manifest = dir.resolve(TrailGenerator.PLANTED_EVENTS_FILE);
            if (Files.exists(manifest)) {
                for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        planted.add(JSON.readTree(line));
                    }
                }
            }
            assertEquals(summary.records(), records.size(), "records read back");
            return new Trail(dir, summary, List.copyOf(records), List.copyOf(planted));
        }

        /** Appends a space to the log file holding the first planted record of the scenario: same records, wrong hash. */
        void alterLogFileOf(String scenario) throws IOException {
            String eventId = planted.stream().filter(p -> p.path("scenario").asText().equals(scenario)).findFirst()
                    .orElseThrow(() -> new AssertionError("no planted " + scenario)).path("eventID").asText();
            Record record = records.stream().filter(r -> r.text("eventID").equals(eventId)).findFirst().orElseThrow();
            altered = record.file;
            alteredRecords = TrailTampering.alter(altered).records();
        }

        void load(OpenSearchCluster cluster, Path work) throws IOException {
            int exit = Main.run("load", dir.resolve("AWSLogs").toString(),
                    "--verify-integrity", "mark", "--public-keys", dir.resolve(TrailGenerator.PUBLIC_KEYS_FILE).toString(),
                    "--opensearch-url", cluster.url().toString(), "--dead-letter", work.resolve("dead-letter.ndjson").toString());
            assertEquals(0, exit, "load exit code");
            cluster.client().indices().refresh(r -> r.index("cloudtrail"));
        }
    }

    /** A raw CloudTrail record with small accessors for dotted paths. */
    static final class Record {
        final JsonNode json;
        final Path file;
        final Instant time;

        Record(JsonNode json, Path file) {
            this.json = json;
            this.file = file;
            this.time = Instant.parse(json.path("eventTime").asText());
        }

        JsonNode at(String dotted) {
            return json.at("/" + dotted.replace('.', '/'));
        }

        /** The scalar at the path as text; "" when absent or null. */
        String text(String dotted) {
            JsonNode node = at(dotted);
            return node.isValueNode() && !node.isNull() ? node.asText() : "";
        }

        boolean missing(String dotted) {
            JsonNode node = at(dotted);
            return node.isMissingNode() || node.isNull();
        }

        boolean isFalse(String dotted) {
            JsonNode node = at(dotted);
            return node.isBoolean() ? !node.asBoolean() : node.asText().equalsIgnoreCase("false");
        }

        boolean isTrue(String dotted) {
            JsonNode node = at(dotted);
            return node.isBoolean() ? node.asBoolean() : node.asText().equalsIgnoreCase("true");
        }

        boolean source(String service) {
            return text("eventSource").equals(service + ".amazonaws.com");
        }

        boolean named(String... names) {
            return List.of(names).contains(text("eventName"));
        }

        boolean succeeded() {
            return missing("errorCode");
        }

        /** The element objects of an array (or the single object in its place). */
        List<JsonNode> all(String dotted) {
            JsonNode node = at(dotted);
            List<JsonNode> elements = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(elements::add);
            } else if (node.isObject()) {
                elements.add(node);
            }
            return elements;
        }

        /** The user name the mapper writes to user.name: IAM user name, else the role of a session. */
        String userName() {
            String name = text("userIdentity.userName");
            return name.isEmpty() ? text("userIdentity.sessionContext.sessionIssuer.userName") : name;
        }

        List<String> cidrs() {
            List<String> cidrs = new ArrayList<>();
            for (String field : List.of("cidrBlock", "ipv6CidrBlock", "cidrIp")) {
                if (!text("requestParameters." + field).isEmpty()) {
                    cidrs.add(text("requestParameters." + field));
                }
            }
            for (JsonNode permission : all("requestParameters.ipPermissions.items")) {
                permission.at("/ipRanges/items").forEach(range -> cidrs.add(range.path("cidrIp").asText()));
                permission.at("/ipv6Ranges/items").forEach(range -> cidrs.add(range.path("cidrIpv6").asText()));
            }
            return cidrs;
        }

        List<String> s3Grantees() {
            List<String> grantees = new ArrayList<>();
            for (JsonNode grant : all("requestParameters.AccessControlPolicy.AccessControlList.Grant")) {
                grantees.add(grant.path("Grantee").path("URI").asText());
            }
            for (String prefix : List.of("requestParameters.accessControlList.", "requestParameters.")) {
                for (String header : List.of("x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp",
                        "x-amz-grant-write-acp", "x-amz-grant-full-control")) {
                    Matcher uri = Pattern.compile("uri=\"([^\"]+)\"").matcher(text(prefix + header));
                    while (uri.find()) {
                        grantees.add(uri.group(1));
                    }
                }
            }
            return grantees;
        }

        List<String> s3CannedAcls() {
            List<String> acls = new ArrayList<>();
            for (String path : List.of("requestParameters.x-amz-acl", "requestParameters.accessControlList.x-amz-acl")) {
                JsonNode node = at(path);
                if (node.isArray()) {
                    node.forEach(v -> acls.add(v.asText()));
                } else if (node.isValueNode()) {
                    acls.add(node.asText());
                }
            }
            return acls;
        }
    }
}
