package org.cloudtrailopensearch.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CloudTrail Insights files the incident sets off: where they go, their documented shape, their numbers. */
class IncidentInsightsTest {

    private static final String ACCOUNT_FILE = "\\d{12}_CloudTrail-Insight_[a-z0-9-]+_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz";

    @TempDir
    static Path out;
    static GenerationSummary summary;
    static List<Path> insightFiles;
    static List<JsonNode> insights;

    @BeforeAll
    static void generate() throws IOException {
        summary = TrailGenerator.builder().accounts(2).regions(List.of("us-east-1", "eu-west-1")).hours(6)
                .eventsPerHour(40).seed(23).threads(2).incident(true).build().writeTo(out);
        insightFiles = TrailFiles.files(out).stream().filter(TrailFiles::isInsightFile).toList();
        insights = new ArrayList<>();
        for (Path file : insightFiles) {
            JsonNode records = TrailFiles.JSON.readTree(TrailFiles.gunzip(file)).get("Records");
            assertEquals(1, records.size(), "one record per file: " + file);
            insights.add(records.get(0));
        }
    }

    @Test
    void aStartAndAnEndForACallRateAndAnErrorRateInsight() {
        assertEquals(4, insights.size());
        assertEquals(4, summary.insightRecords());
        assertTrue(summary.toString().contains("4 Insights records"), summary.toString());
        Map<String, List<JsonNode>> byShared = insights.stream()
                .collect(Collectors.groupingBy(i -> i.get("sharedEventID").asText()));
        assertEquals(2, byShared.size());
        for (List<JsonNode> pair : byShared.values()) {
            assertEquals(List.of("Start", "End"), pair.stream()
                    .sorted((a, b) -> a.get("eventTime").asText().compareTo(b.get("eventTime").asText()))
                    .map(i -> i.at("/insightDetails/state").asText()).toList());
        }
        assertEquals(List.of("ApiCallRateInsight", "ApiCallRateInsight", "ApiErrorRateInsight", "ApiErrorRateInsight"),
                insights.stream().map(i -> i.at("/insightDetails/insightType").asText()).sorted().toList());
    }

    @Test
    void filesAreWhereCloudTrailDeliversInsightsAndNoDigestNamesThem() throws IOException {
        String account = summary.accounts().get(0);
        for (Path file : insightFiles) {
            String key = out.relativize(file).toString().replace('\\', '/');
            assertTrue(key.matches("AWSLogs/" + account + "/CloudTrail-Insight/[a-z0-9-]+/\\d{4}/\\d{2}/\\d{2}/" + ACCOUNT_FILE), key);
        }
        for (Path digest : TrailFiles.files(out).stream().filter(TrailFiles::isDigestFile).toList()) {
            assertFalse(new String(TrailFiles.gunzip(digest)).contains("CloudTrail-Insight"), digest.toString());
        }
        assertEquals(summary.records(), TrailFiles.records(out).size(), "Insights records are not counted as log records");
    }

    @Test
    void recordsHaveTheDocumentedFields() {
        for (JsonNode insight : insights) {
            assertEquals("AwsCloudTrailInsight", insight.get("eventType").asText());
            assertEquals("Insight", insight.get("eventCategory").asText());
            assertEquals(summary.accounts().get(0), insight.get("recipientAccountId").asText());
            for (String field : List.of("eventVersion", "eventTime", "awsRegion", "eventID", "sharedEventID")) {
                assertTrue(insight.hasNonNull(field), field + " in " + insight);
            }
            assertFalse(insight.has("userIdentity"), "an insight has no caller of its own");
            JsonNode details = insight.get("insightDetails");
            JsonNode statistics = details.at("/insightContext/statistics");
            assertTrue(statistics.at("/baseline/average").isNumber() && statistics.at("/insight/average").isNumber(), statistics.toString());
            boolean end = details.get("state").asText().equals("End");
            assertEquals(end, statistics.has("insightDuration"), "duration on the End record only");
            assertEquals(end, statistics.has("baselineDuration"));
            List<String> attributes = new ArrayList<>();
            details.at("/insightContext/attributions").forEach(a -> attributes.add(a.get("attribute").asText()));
            boolean errorRate = details.get("insightType").asText().equals("ApiErrorRateInsight");
            assertEquals(errorRate ? List.of("userIdentityArn", "userAgent") : List.of("userIdentityArn", "userAgent", "errorCode"),
                    attributes);
            assertEquals(errorRate, details.has("errorCode"));
        }
    }

    @Test
    void theNumbersComeFromThePlantedCalls() throws IOException {
        JsonNode errorRateEnd = insights.stream().filter(i -> i.at("/insightDetails/insightType").asText().equals("ApiErrorRateInsight")
                && i.at("/insightDetails/state").asText().equals("End")).findFirst().orElseThrow();
        JsonNode details = errorRateEnd.get("insightDetails");
        assertEquals("iam.amazonaws.com", details.get("eventSource").asText());
        assertEquals("ListUsers", details.get("eventName").asText());
        assertEquals("AccessDenied", details.get("errorCode").asText());
        assertEquals("us-east-1", errorRateEnd.get("awsRegion").asText());
        // The leaked key's three denied ListUsers calls, 90 s apart from minute 01:00 of the incident hour.
        Instant start = summary.incidentStart();
        assertEquals(start.plus(Duration.ofMinutes(5)).toString(), errorRateEnd.get("eventTime").asText());
        JsonNode statistics = details.at("/insightContext/statistics");
        assertEquals(4, statistics.get("insightDuration").asInt());
        assertEquals(0.75, statistics.at("/insight/average").asDouble());
        JsonNode callers = details.at("/insightContext/attributions/0/insight");
        assertEquals(1, callers.size());
        String leakedArn = TrailFiles.records(out).stream().map(TrailFiles.LoggedRecord::record)
                .filter(r -> r.path("eventName").asText().equals("ListUsers") && "AccessDenied".equals(r.path("errorCode").asText(null))
                        && r.path("userAgent").asText().contains("kali"))
                .map(r -> r.at("/userIdentity/arn").asText()).findFirst().orElseThrow();
        assertEquals(leakedArn, callers.get(0).get("value").asText());
        assertEquals(0.75, callers.get(0).get("average").asDouble());
    }

    @Test
    void theTableIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> IncidentInsights.parse(List.of(
                "ApiCallRateInsight\tunauthorized-burst\tec2.amazonaws.com\tRunInstances\tAccessDenied\t0.1\t10080")));
        assertThrows(IllegalArgumentException.class, () -> IncidentInsights.parse(List.of(
                "ApiErrorRateInsight\tunauthorized-burst\tiam.amazonaws.com\tListUsers\t-\t0.1\t10080")));
        assertThrows(IllegalArgumentException.class, () -> IncidentInsights.parse(List.of("ApiCallRate\tx")));
        assertEquals(2, IncidentInsights.bundled().size());
    }

    @Test
    void withoutTheIncidentThereAreNoInsights(@TempDir Path plain) throws IOException {
        GenerationSummary without = TrailGenerator.builder().hours(2).eventsPerHour(20).build().writeTo(plain);
        assertEquals(0, without.insightRecords());
        assertTrue(TrailFiles.files(plain).stream().noneMatch(TrailFiles::isInsightFile));
    }
}
