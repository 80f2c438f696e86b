package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.dashboards.PanelSearches;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.TrailRecords;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Every panel of the shipped dashboards, run for real: a generated trail with the planted incident is loaded into
 * a real node, and each visualization, saved search and filter control of the bundle is turned into the search
 * OpenSearch Dashboards would send (read from the saved object itself, {@link PanelSearches}) and executed.
 * Each must return data, every field it uses must be aggregatable or searchable as the node itself reports
 * ({@code _field_caps}), and the panels with an exact meaning must return exactly what the raw CloudTrail records
 * say (counted here with plain Jackson, without the mapper).
 *
 * <p>What this does not cover: how OpenSearch Dashboards draws the results (it cannot be installed here).
 */
@ExtendWith(OpenSearchNodeExtension.class)
class DashboardPanelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC_GRANTEE = "http://acs.amazonaws.com/groups/global/";

    @TempDir
    Path work;

    @TestFactory
    List<DynamicTest> everyPanelReturnsWhatTheRecordsImply(OpenSearchCluster cluster) throws Exception {
        Path trail = work.resolve("trail");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));
        GenerationSummary summary = TrailGenerator.builder().accounts(2).regions(List.of("us-east-1", "eu-west-1"))
                .hours(12).eventsPerHour(150).seed(7).start(start).incident(true).build().writeTo(trail);
        int exit = Main.run("load", trail.resolve("AWSLogs").toString(),
                "--opensearch-url", cluster.url().toString(), "--dead-letter", work.resolve("dl.ndjson").toString(),
                "--threat-indicators", trail.resolve("threat-indicators.csv").toString(),
                "--admin-users", trail.resolve("admin-users.txt").toString(), "--environment", "it");
        assertEquals(0, exit);
        cluster.client().indices().refresh(r -> r.index("cloudtrail"));
        Instant from = start;
        Instant to = start.plus(Duration.ofHours(13));
        TrailRecords records = TrailRecords.read(trail.resolve("AWSLogs"));
        assertTrue(records.all().size() > 1000, "a trail of some size: " + summary.records());

        List<JsonNode> objects = new ArrayList<>();
        for (String line : new String(DashboardAssets.savedObjectsNdjson(), StandardCharsets.UTF_8).split("\n")) {
            objects.add(JSON.readTree(line));
        }
        Map<String, JsonNode> results = new HashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode fieldCaps = call(cluster, "GET", "/cloudtrail/_field_caps?fields=*", null).path("fields");
        for (JsonNode object : objects) {
            String type = object.path("type").asText();
            if (!type.equals("visualization") && !type.equals("search")) {
                continue;
            }
            String id = object.path("id").asText();
            JsonNode result = search(cluster, PanelSearches.searchBody(object, from, to).toString());
            results.put(id, result);
            tests.add(DynamicTest.dynamicTest(id + " returns data", () -> assertReturnsData(id, result)));
            tests.add(DynamicTest.dynamicTest(id + " uses fields the node can aggregate or search", () -> {
                for (String field : PanelSearches.aggregatedFields(object)) {
                    assertTrue(capability(fieldCaps, field, "aggregatable"), id + ": " + field + " is not aggregatable on the node");
                }
                for (String field : PanelSearches.queryFields(PanelSearches.query(object))) {
                    assertTrue(capability(fieldCaps, field, "searchable"), id + ": " + field + " is not searchable on the node");
                }
            }));
        }

        Set<String> admins = new HashSet<>(lines(trail.resolve("admin-users.txt")));
        Indicators indicators = new Indicators(lines(trail.resolve("threat-indicators.csv")));
        tests.add(exact("failed console logins", results, "cloudtrail-overview--failed-logins",
                records.count(r -> TrailRecords.isEvent(r, "ConsoleLogin") && "Failure".equals(TrailRecords.text(r, "responseElements", "ConsoleLogin")))));
        tests.add(exact("console logins without MFA", results, "cloudtrail-console-logins--logins-without-mfa",
                records.count(r -> TrailRecords.isEvent(r, "ConsoleLogin") && "No".equals(TrailRecords.text(r, "additionalEventData", "MFAUsed")))));
        tests.add(exact("authorization failures", results, "cloudtrail-network-and-security--recent-authorization-failures",
                records.count(r -> {
                    String code = TrailRecords.text(r, "errorCode");
                    return code != null && (code.startsWith("AccessDenied") || code.endsWith("UnauthorizedOperation"));
                })));
        tests.add(exact("administrators' non-read calls", results, "cloudtrail-user-monitoring--administrative-activities-over-time",
                records.count(r -> (admins.contains(TrailRecords.text(r, "userIdentity", "userName"))
                            || admins.contains(TrailRecords.text(r, "userIdentity", "sessionContext", "sessionIssuer", "userName")))
                        && !r.path("eventName").asText().matches("(Get|Describe|List).*"))));
        tests.add(exact("public bucket ACLs", results, "cloudtrail-s3-public-objects-and-buckets--public-buckets",
                records.count(r -> (TrailRecords.isEvent(r, "PutBucketAcl") || TrailRecords.isEvent(r, "CreateBucket")) && grantsPublic(r))));
        tests.add(exact("objects uploaded public", results, "cloudtrail-s3-public-objects-and-buckets--new-public-objects",
                records.count(r -> TrailRecords.isEvent(r, "PutObject") && grantsPublic(r))));
        tests.add(exact("objects made public", results, "cloudtrail-s3-public-objects-and-buckets--modified-public-objects",
                records.count(r -> TrailRecords.isEvent(r, "PutObjectAcl") && grantsPublic(r))));
        tests.add(exact("network ACL entries allowing everything", results, "cloudtrail-network-and-security--network-acl-with-all-allowed-ingress-egress",
                records.count(r -> (TrailRecords.isEvent(r, "CreateNetworkAclEntry") || TrailRecords.isEvent(r, "ReplaceNetworkAclEntry"))
                        && "allow".equals(TrailRecords.text(r, "requestParameters", "ruleAction"))
                        && ("-1".equals(TrailRecords.text(r, "requestParameters", "aclProtocol"))
                            || ("0".equals(TrailRecords.text(r, "requestParameters", "portRange", "from"))
                                && "65535".equals(TrailRecords.text(r, "requestParameters", "portRange", "to")))))));
        TrailRecords insights = TrailRecords.readInsights(trail.resolve("AWSLogs"));
        assertEquals(summary.insightRecords(), insights.all().size(), "the Insights files the incident sets off");
        tests.add(exact("CloudTrail Insights records", results, "cloudtrail-operations--cloudtrail-insights-unusual-api-activity",
                insights.count(r -> "AwsCloudTrailInsight".equals(TrailRecords.text(r, "eventType")))));
        tests.add(DynamicTest.dynamicTest("the Insights panel buckets each insight type, API and state", () -> {
            Set<String> expected = new HashSet<>();
            insights.all().forEach(r -> expected.add(TrailRecords.text(r, "insightDetails", "insightType") + " "
                    + TrailRecords.text(r, "insightDetails", "eventName") + " " + TrailRecords.text(r, "insightDetails", "state")));
            assertEquals(expected, tableRows(results.get("cloudtrail-operations--cloudtrail-insights-unusual-api-activity")));
        }));
        tests.add(DynamicTest.dynamicTest("threat-intelligence matches equal the records the indicator file names", () -> {
            long expected = records.count(indicators::matches);
            assertTrue(expected > 0, "the incident plants matching events");
            JsonNode count = call(cluster, "POST", "/cloudtrail/_count", "{\"query\":{\"exists\":{\"field\":\"threat.enrichments.indicator.name\"}}}");
            assertEquals(expected, count.path("count").asLong());
        }));
        tests.add(DynamicTest.dynamicTest("the filter controls offer the environment given to the loader", () -> {
            JsonNode controls = results.get("cloudtrail-filters").path("aggregations");
            assertEquals("it", controls.path("control_4").path("buckets").get(0).path("key").asText());
        }));
        return tests;
    }

    /** The rows of a table of nested terms buckets: the keys of each leaf path, space-separated. */
    private static Set<String> tableRows(JsonNode result) {
        Set<String> rows = new HashSet<>();
        collectRows(result.path("aggregations"), "", rows);
        return rows;
    }

    private static void collectRows(JsonNode aggregations, String prefix, Set<String> rows) {
        for (JsonNode aggregation : aggregations) {
            if (!aggregation.has("buckets")) {
                continue;
            }
            for (JsonNode bucket : aggregation.path("buckets")) {
                String row = prefix.isEmpty() ? bucket.path("key").asText() : prefix + " " + bucket.path("key").asText();
                int before = rows.size();
                collectRows(bucket, row, rows);
                if (rows.size() == before && !hasBuckets(bucket)) {
                    rows.add(row);
                }
            }
        }
    }

    private static boolean hasBuckets(JsonNode node) {
        for (JsonNode child : node) {
            if (child.has("buckets")) {
                return true;
            }
        }
        return false;
    }

    private static void assertReturnsData(String id, JsonNode result) {
        assertEquals(Optional.empty(), PanelSearches.whyEmpty(result), id + ": " + result);
    }

    private static DynamicTest exact(String what, Map<String, JsonNode> results, String panelId, long expected) {
        return DynamicTest.dynamicTest(panelId + " counts the " + what + " in the records", () -> {
            JsonNode result = results.get(panelId);
            assertTrue(result != null, "no panel " + panelId);
            assertTrue(expected > 0, "the trail should hold " + what);
            assertEquals(expected, result.path("hits").path("total").path("value").asLong(), what);
        });
    }

    /** A grant to AllUsers or AuthenticatedUsers, in a grant list or a grant header, or a public canned ACL. */
    private static boolean grantsPublic(JsonNode record) {
        JsonNode request = record.path("requestParameters");
        String text = request.toString();
        String canned = request.path("x-amz-acl").isArray() ? request.path("x-amz-acl").path(0).asText()
                : request.path("x-amz-acl").asText(request.path("accessControlList").path("x-amz-acl").asText(""));
        return text.contains(PUBLIC_GRANTEE + "AllUsers") || text.contains(PUBLIC_GRANTEE + "AuthenticatedUsers")
                || Set.of("public-read", "public-read-write", "authenticated-read").contains(canned);
    }

    private static boolean capability(JsonNode fieldCaps, String field, String capability) {
        JsonNode types = fieldCaps.path(field);
        if (types.isMissingNode() || types.isEmpty()) {
            return false;
        }
        for (JsonNode type : types) {
            if (!type.path(capability).asBoolean()) {
                return false;
            }
        }
        return true;
    }

    /** A search whose failure becomes the result (with its error), so that one bad panel does not hide the others. */
    private static JsonNode search(OpenSearchCluster cluster, String body) throws IOException {
        try (Response response = cluster.client().generic().execute(
                Requests.builder().method("POST").endpoint("/cloudtrail/_search").json(body).build())) {
            JsonNode result = JSON.readTree(response.getBody().map(b -> b.bodyAsString()).orElse("{}"));
            return response.getStatus() < 300 ? result : JSON.createObjectNode().put("status", response.getStatus())
                    .put("request", body).set("error", result);
        }
    }

    private static JsonNode call(OpenSearchCluster cluster, String method, String endpoint, String body) throws IOException {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.json(body);
        }
        try (Response response = cluster.client().generic().execute(request.build())) {
            String text = response.getBody().map(b -> b.bodyAsString()).orElse("{}");
            assertTrue(response.getStatus() < 300, endpoint + " " + body + " -> " + response.getStatus() + " " + text);
            return JSON.readTree(text);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /** The indicator file read independently of the mapper: exact IPs, CIDRs, user agents, ARNs, access keys. */
    private static final class Indicators {
        private final Set<String> exact = new HashSet<>();
        private final List<String> cidrs = new ArrayList<>();

        Indicators(List<String> lines) {
            for (String line : lines) {
                String indicator = line.substring(0, line.lastIndexOf(',')).strip();
                if (indicator.matches("[0-9a-fA-F:.]+/\\d+")) {
                    cidrs.add(indicator);
                } else {
                    exact.add(indicator);
                }
            }
        }

        boolean matches(JsonNode record) {
            List<String> values = new ArrayList<>();
            values.add(TrailRecords.text(record, "userAgent"));
            values.add(TrailRecords.text(record, "userIdentity", "arn"));
            values.add(TrailRecords.text(record, "userIdentity", "accessKeyId"));
            values.add(TrailRecords.text(record, "userIdentity", "sessionContext", "sessionIssuer", "arn"));
            record.path("resources").forEach(resource -> values.add(TrailRecords.text(resource, "ARN")));
            String ip = TrailRecords.text(record, "sourceIPAddress");
            values.add(ip);
            if (values.stream().anyMatch(exact::contains)) {
                return true;
            }
            return ip != null && ip.matches("[0-9a-fA-F:.]+") && cidrs.stream().anyMatch(cidr -> inCidr(ip, cidr));
        }

        private static boolean inCidr(String ip, String cidr) {
            try {
                byte[] address = InetAddress.getByName(ip).getAddress();
                byte[] network = InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))).getAddress();
                int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
                if (address.length != network.length) {
                    return false;
                }
                int shift = address.length * 8 - bits;
                return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
            } catch (IOException e) {
                return false;
            }
        }
    }
}
