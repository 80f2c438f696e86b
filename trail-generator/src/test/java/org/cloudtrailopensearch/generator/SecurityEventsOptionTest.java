package org.cloudtrailopensearch.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityEventsOptionTest {

    /** The templates of EventFactory.registerSecurityEvents. */
    static final Set<String> SECURITY_EVENT_NAMES = Set.of("ConsoleLogin", "StopLogging", "DeleteTrail", "PutBucketAcl",
            "PutBucketPolicy", "DeleteBucketPublicAccessBlock", "AuthorizeSecurityGroupIngress", "ScheduleKeyDeletion",
            "DisableKey", "DeleteDetector", "CreateAccessKey", "CreateUser", "AttachUserPolicy", "DeleteFlowLogs");

    private static TrailGenerator.Builder busy() {
        return TrailGenerator.builder().accounts(2).regions(List.of("us-east-1", "eu-west-1")).hours(4)
                .eventsPerHour(400).seed(5).threads(2);
    }

    @Test
    void defaultMixHasSecurityEvents(@TempDir Path out) throws IOException {
        busy().build().writeTo(out);
        List<TrailFiles.LoggedRecord> records = TrailFiles.records(out);
        assertTrue(records.stream().anyMatch(r -> SECURITY_EVENT_NAMES.contains(r.record().get("eventName").asText())));
        assertTrue(records.stream().anyMatch(r -> r.record().at("/userIdentity/type").asText().equals("Root")));
        assertTrue(records.stream().anyMatch(r -> r.record().path("errorCode").asText().startsWith("AccessDenied")));
    }

    @Test
    void quietTrailHasNoSecurityEventsRootActivityOrDenials(@TempDir Path out) throws IOException {
        GenerationSummary summary = busy().securityEvents(false).build().writeTo(out);
        List<TrailFiles.LoggedRecord> records = TrailFiles.records(out);
        assertEquals(summary.records(), records.size());
        assertTrue(records.size() > 5000, "records: " + records.size());
        for (TrailFiles.LoggedRecord logged : records) {
            String name = logged.record().get("eventName").asText();
            assertFalse(SECURITY_EVENT_NAMES.contains(name), name);
            assertFalse(logged.record().at("/userIdentity/type").asText().equals("Root"), logged.record().toString());
            String error = logged.record().path("errorCode").asText();
            assertFalse(error.contains("AccessDenied") || error.contains("UnauthorizedOperation"), error);
            assertEquals("AwsApiCall", logged.record().get("eventType").asText());
        }
        assertEquals(null, summary.incidentStart());
    }

    @Test
    void optionsAtTheirDefaultsChangeNothing(@TempDir Path out) throws IOException {
        OutputStabilityTest.plain().securityEvents(true).incident(false).build().writeTo(out);
        assertEquals(OutputStabilityTest.PLAIN_HASH, OutputStabilityTest.treeHash(out));
    }
}
