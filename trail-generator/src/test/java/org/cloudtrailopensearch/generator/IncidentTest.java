package org.cloudtrailopensearch.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentTest {

    /** How many records each scenario tag plants (the contract the integration tests and the demo rely on). */
    static final Map<String, Integer> SCENARIOS = Map.ofEntries(
            Map.entry("leaked-key-recon", 2), Map.entry("unauthorized-burst", 15),
            Map.entry("sts-get-session-token", 1), Map.entry("policy-change-denied", 1),
            Map.entry("security-group-change-denied", 1), Map.entry("login-multi-ip", 2), Map.entry("login-success", 1),
            Map.entry("login-failure-burst", 8), Map.entry("login-no-mfa", 1), Map.entry("login-non-us", 1),
            Map.entry("cloudtrail-tampering", 4), Map.entry("guardduty-tampering", 5), Map.entry("password-change", 1),
            Map.entry("root-login-failure", 1), Map.entry("root-login", 1), Map.entry("root-api-call", 2),
            Map.entry("access-key-for-other-user", 1), Map.entry("access-key-deleted", 1),
            Map.entry("short-lived-user", 2), Map.entry("login-profile-change", 3), Map.entry("admin-group-membership", 2),
            Map.entry("short-lived-group", 2), Map.entry("role-lifecycle", 2), Map.entry("admin-policy-attached", 1),
            Map.entry("iam-policy-change", 8), Map.entry("vpc-change", 1), Map.entry("internet-gateway-change", 2),
            Map.entry("route-change", 1), Map.entry("security-group-change", 4),
            Map.entry("security-group-open-to-world", 2), Map.entry("network-acl-change", 4),
            Map.entry("network-acl-allow-all", 1), Map.entry("large-instance", 1), Map.entry("elastic-ip", 4),
            Map.entry("instance-terminated", 1), Map.entry("s3-public-bucket", 2), Map.entry("s3-public-object", 2),
            Map.entry("s3-public-object-acl", 1), Map.entry("s3-public-access-block", 3),
            Map.entry("s3-bucket-policy-public", 1), Map.entry("s3-replication", 1),
            Map.entry("s3-versioning-suspended", 1), Map.entry("s3-lifecycle", 1), Map.entry("rds-public", 2),
            Map.entry("snapshot-made-public", 2), Map.entry("ami-made-public", 1), Map.entry("secret-read-burst", 10),
            Map.entry("ssm-parameter-decrypted", 1), Map.entry("config-tampering", 2), Map.entry("kms-tampering", 3),
            Map.entry("backup-deleted", 2), Map.entry("snapshot-deleted", 2), Map.entry("ebs-encryption-disabled", 1),
            Map.entry("organization-left", 1));

    @TempDir
    static Path out;
    static GenerationSummary summary;
    static TrailGenerator generator;
    static List<JsonNode> manifest;
    static List<TrailFiles.LoggedRecord> records;
    static Map<String, JsonNode> plantedById;

    private static TrailGenerator.Builder config() {
        return TrailGenerator.builder().accounts(2).regions(List.of("us-east-1", "eu-west-1")).hours(8)
                .eventsPerHour(150).logFilesPerHour(12).seed(17).threads(2);
    }

    @BeforeAll
    static void generate() throws IOException {
        generator = config().incident(true).build();
        summary = generator.writeTo(out);
        manifest = manifest(out);
        records = TrailFiles.records(out);
        plantedById = new HashMap<>();
        for (TrailFiles.LoggedRecord logged : records) {
            plantedById.put(logged.record().get("eventID").asText(), logged.record());
        }
    }

    static List<JsonNode> manifest(Path root) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve(TrailGenerator.PLANTED_EVENTS_FILE))) {
            lines.add(TrailFiles.JSON.readTree(line));
        }
        return lines;
    }

    private static List<JsonNode> planted(String scenario) {
        return manifest.stream().filter(m -> m.get("scenario").asText().equals(scenario))
                .map(m -> plantedById.get(m.get("eventID").asText())).toList();
    }

    @Test
    void incidentHourIsFourHoursBeforeTheEnd() {
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        assertEquals(start.plus(Duration.ofHours(4)), summary.incidentStart());
        assertEquals(start.plus(Duration.ofHours(5)), summary.incidentEnd());
        assertEquals(manifest.size(), summary.plantedRecords());
        assertTrue(summary.toString().contains("planted records"), summary.toString());
    }

    @Test
    void everyPlantedRecordIsInItsLogFileExactlyOnce() {
        Map<String, List<TrailFiles.LoggedRecord>> byId = records.stream()
                .collect(Collectors.groupingBy(r -> r.record().get("eventID").asText()));
        Set<String> ids = new HashSet<>();
        String firstAccount = summary.accounts().get(0);
        for (JsonNode line : manifest) {
            String id = line.get("eventID").asText();
            assertTrue(ids.add(id), "duplicate " + id);
            List<TrailFiles.LoggedRecord> found = byId.get(id);
            assertNotNull(found, "missing " + line);
            assertEquals(1, found.size(), line.toString());
            TrailFiles.LoggedRecord logged = found.get(0);
            assertEquals(line.get("logFile").asText(), logged.logFile());
            for (String field : List.of("eventName", "eventSource", "eventTime", "awsRegion", "recipientAccountId",
                    "sourceIPAddress")) {
                assertEquals(line.get(field), logged.record().get(field), field + " of " + line);
            }
            assertEquals(line.get("userIdentityType").asText(), logged.record().at("/userIdentity/type").asText());
            assertEquals(firstAccount, line.get("recipientAccountId").asText());
            Instant time = Instant.parse(line.get("eventTime").asText());
            assertFalse(time.isBefore(summary.incidentStart()) || !time.isBefore(summary.incidentEnd()), line.toString());
            assertRegions(line, summary);
        }
        // Manifest lines are in event-time order.
        for (int i = 1; i < manifest.size(); i++) {
            assertFalse(manifest.get(i).get("eventTime").asText().compareTo(manifest.get(i - 1).get("eventTime").asText()) < 0);
        }
    }

    @Test
    void plantedRecordsCarryTheFullEnvelope() {
        for (JsonNode line : manifest) {
            JsonNode record = plantedById.get(line.get("eventID").asText());
            for (String field : List.of("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName",
                    "awsRegion", "sourceIPAddress", "userAgent", "requestParameters", "responseElements", "requestID",
                    "eventID", "readOnly", "eventType", "managementEvent", "recipientAccountId", "eventCategory",
                    "tlsDetails")) {
                assertTrue(record.has(field), field + " in " + record);
            }
            assertFalse(record.toString().contains("${"), "unresolved placeholder in " + record);
            JsonNode identity = record.get("userIdentity");
            assertEquals(record.get("recipientAccountId"), identity.get("accountId"));
            String type = identity.get("type").asText();
            assertTrue(Set.of("Root", "IAMUser", "AssumedRole").contains(type), type);
            boolean signIn = record.get("eventName").asText().equals("ConsoleLogin");
            assertEquals(signIn ? "AwsConsoleSignIn" : "AwsApiCall", record.get("eventType").asText());
            if (!signIn && identity.path("accessKeyId").asText().startsWith("ASIA")) {
                assertTrue(identity.at("/sessionContext/attributes/creationDate").isTextual(), record.toString());
                assertTrue(identity.at("/sessionContext/attributes/mfaAuthenticated").isTextual(), record.toString());
            }
            if (type.equals("AssumedRole")) {
                assertEquals("Role", identity.at("/sessionContext/sessionIssuer/type").asText());
            }
            if (record.get("responseElements").has("requestId")) {
                assertEquals(record.get("requestID"), record.at("/responseElements/requestId"));
            }
        }
    }

    @Test
    void scenariosPlantTheAdvertisedRecords() {
        Map<String, Integer> counts = new TreeMap<>();
        manifest.forEach(m -> counts.merge(m.get("scenario").asText(), 1, Integer::sum));
        assertEquals(new TreeMap<>(SCENARIOS), counts);

        List<JsonNode> failures = planted("login-failure-burst");
        assertEquals(1, distinct(failures, r -> r.get("sourceIPAddress").asText()).size());
        assertEquals(1, distinct(failures, r -> r.at("/userIdentity/userName").asText()).size());
        assertTrue(span(failures).compareTo(Duration.ofMinutes(5)) < 0);
        for (JsonNode failure : failures) {
            assertEquals("Failure", failure.at("/responseElements/ConsoleLogin").asText());
            assertEquals("Failed authentication", failure.get("errorMessage").asText());
            assertEquals("IAMUser", failure.at("/userIdentity/type").asText());
        }
        JsonNode noMfa = planted("login-no-mfa").get(0);
        assertEquals("No", noMfa.at("/additionalEventData/MFAUsed").asText());
        assertEquals("Success", noMfa.at("/responseElements/ConsoleLogin").asText());
        assertEquals("81.2.69.142", planted("login-non-us").get(0).get("sourceIPAddress").asText());
        List<JsonNode> adminLogins = new ArrayList<>(planted("login-multi-ip"));
        adminLogins.addAll(planted("login-non-us"));
        assertEquals(1, distinct(adminLogins, r -> r.at("/userIdentity/userName").asText()).size());
        assertEquals(3, distinct(adminLogins, r -> r.get("sourceIPAddress").asText()).size());

        JsonNode rootLogin = planted("root-login").get(0);
        assertEquals("Root", rootLogin.at("/userIdentity/type").asText());
        assertEquals("No", rootLogin.at("/additionalEventData/MFAUsed").asText());
        assertEquals("Failure", planted("root-login-failure").get(0).at("/responseElements/ConsoleLogin").asText());
        assertEquals(Set.of("ListUsers", "CreateAccessKey"), distinct(planted("root-api-call"), r -> r.get("eventName").asText()));
        planted("root-api-call").forEach(r -> assertEquals("Root", r.at("/userIdentity/type").asText()));

        List<JsonNode> burst = planted("unauthorized-burst");
        assertEquals(1, distinct(burst, r -> r.at("/userIdentity/arn").asText()).size());
        assertTrue(span(burst).compareTo(Duration.ofMinutes(5)) < 0);
        assertEquals(Set.of("AccessDenied", "Client.UnauthorizedOperation"), distinct(burst, r -> r.get("errorCode").asText()));

        JsonNode updateTrail = byName("UpdateTrail");
        assertFalse(updateTrail.at("/requestParameters/enableLogFileValidation").asBoolean(true));
        assertFalse(updateTrail.at("/requestParameters/includeGlobalServiceEvents").asBoolean(true));
        assertFalse(byName("PutEventSelectors").at("/requestParameters/eventSelectors/0/includeManagementEvents").asBoolean(true));
        assertFalse(byName("UpdateDetector").at("/requestParameters/enable").asBoolean(true));

        JsonNode backdoor = planted("access-key-for-other-user").get(0);
        assertFalse(backdoor.at("/userIdentity/arn").asText().endsWith("/" + backdoor.at("/requestParameters/userName").asText()));
        assertEquals(backdoor.at("/requestParameters/userName"), backdoor.at("/responseElements/accessKey/userName"));
        assertEquals("arn:aws:iam::aws:policy/AdministratorAccess",
                planted("admin-policy-attached").get(0).at("/requestParameters/policyArn").asText());
        assertEquals("Admins", planted("admin-group-membership").get(0).at("/requestParameters/groupName").asText());

        List<JsonNode> shortLived = planted("short-lived-user");
        assertEquals(List.of("CreateUser", "DeleteUser"), shortLived.stream().map(r -> r.get("eventName").asText()).toList());
        assertEquals(shortLived.get(0).at("/requestParameters/userName"), shortLived.get(1).at("/requestParameters/userName"));
        assertEquals(Duration.ofMinutes(6), span(shortLived));

        List<JsonNode> world = planted("security-group-open-to-world");
        assertEquals("0.0.0.0/0", world.get(0).at("/requestParameters/ipPermissions/items/0/ipRanges/items/0/cidrIp").asText());
        assertEquals(22, world.get(0).at("/requestParameters/ipPermissions/items/0/fromPort").asInt());
        assertEquals("::/0", world.get(1).at("/requestParameters/ipPermissions/items/0/ipv6Ranges/items/0/cidrIpv6").asText());
        assertEquals(3389, world.get(1).at("/requestParameters/ipPermissions/items/0/toPort").asInt());
        JsonNode allowAll = planted("network-acl-allow-all").get(0).get("requestParameters");
        assertEquals("allow", allowAll.get("ruleAction").asText());
        assertEquals("-1", allowAll.get("aclProtocol").asText());
        assertEquals(65535, allowAll.at("/portRange/to").asInt());
        assertFalse(allowAll.get("egress").asBoolean(true));
        planted("elastic-ip").forEach(r -> assertTrue(r.at("/requestParameters/publicIp").isTextual()
                || r.at("/responseElements/publicIp").isTextual(), r.toString()));
        assertEquals("m5.8xlarge", planted("large-instance").get(0).at("/requestParameters/instanceType").asText());

        JsonNode publicAcl = planted("s3-public-bucket").get(0);
        assertEquals("http://acs.amazonaws.com/groups/global/AllUsers",
                publicAcl.at("/requestParameters/AccessControlPolicy/AccessControlList/Grant/1/Grantee/URI").asText());
        assertEquals("READ", publicAcl.at("/requestParameters/AccessControlPolicy/AccessControlList/Grant/1/Permission").asText());
        assertTrue(publicAcl.at("/requestParameters/bucketName").asText().startsWith("public-website-"));
        assertEquals("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"",
                planted("s3-public-object").get(0).at("/requestParameters/accessControlList/x-amz-grant-read").asText());
        assertEquals("Suspended", planted("s3-versioning-suspended").get(0)
                .at("/requestParameters/VersioningConfiguration/Status").asText());
        assertTrue(planted("rds-public").stream().allMatch(r -> r.at("/requestParameters/publiclyAccessible").asBoolean()));
        List<JsonNode> secrets = planted("secret-read-burst");
        assertEquals(1, distinct(secrets, r -> r.at("/userIdentity/arn").asText()).size());
        assertEquals("AssumedRole", secrets.get(0).at("/userIdentity/type").asText());
        assertTrue(planted("ssm-parameter-decrypted").get(0).at("/requestParameters/withDecryption").asBoolean());
        assertEquals("IAMUser", planted("sts-get-session-token").get(0).at("/userIdentity/type").asText());
    }

    /** Global services: awsRegion us-east-1, in the us-east-1 chain (else the first); others: the first region. */
    private static void assertRegions(JsonNode line, GenerationSummary generated) {
        boolean global = Set.of("iam.amazonaws.com", "sts.amazonaws.com", "signin.amazonaws.com",
                "organizations.amazonaws.com").contains(line.get("eventSource").asText());
        String first = generated.regions().get(0);
        String chain = global && generated.regions().contains("us-east-1") ? "us-east-1" : first;
        assertEquals(global ? "us-east-1" : first, line.get("awsRegion").asText(), line.toString());
        assertTrue(line.get("logFile").asText().contains("/" + generated.accounts().get(0) + "/CloudTrail/" + chain + "/"),
                line.toString());
    }

    private static JsonNode byName(String eventName) {
        return manifest.stream().filter(m -> m.get("eventName").asText().equals(eventName))
                .map(m -> plantedById.get(m.get("eventID").asText())).findFirst().orElseThrow();
    }

    private static Set<String> distinct(List<JsonNode> nodes, Function<JsonNode, String> key) {
        return nodes.stream().map(key).collect(Collectors.toSet());
    }

    private static Duration span(List<JsonNode> nodes) {
        List<Instant> times = nodes.stream().map(r -> Instant.parse(r.get("eventTime").asText())).sorted().toList();
        return Duration.between(times.get(0), times.get(times.size() - 1));
    }

    @Test
    void digestsStillValidate() throws IOException {
        assertEquals(List.of(), DigestCheck.problems(out, generator.signingKeys()));
    }

    @Test
    void digestCheckNoticesATamperedLogFile(@TempDir Path copy) throws IOException {
        TrailGenerator small = TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(2)
                .eventsPerHour(20).emptyHourPercent(0).seed(8).incident(true).build();
        small.writeTo(copy);
        assertEquals(List.of(), DigestCheck.problems(copy, small.signingKeys()));
        Path log = TrailFiles.files(copy).stream().filter(TrailFiles::isLogFile).findFirst().orElseThrow();
        String json = new String(TrailFiles.gunzip(log), StandardCharsets.UTF_8).replaceFirst("\\d\\d:\\d\\dZ", "00:00Z");
        try (var gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(log))) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        assertFalse(DigestCheck.problems(copy, small.signingKeys()).isEmpty());
    }

    @Test
    void indicatorsMatchOnlyPlantedRecordsAndDecoysNothing() throws IOException {
        List<String> indicators = new ArrayList<>();
        List<String> decoys = new ArrayList<>();
        boolean inDecoys = false;
        for (String line : Files.readAllLines(out.resolve(TrailGenerator.THREAT_INDICATORS_FILE))) {
            if (line.startsWith("#")) {
                inDecoys |= line.contains("decoy");
                continue;
            }
            int comma = line.lastIndexOf(',');
            assertEquals(TrailGenerator.THREAT_FEED, line.substring(comma + 1));
            (inDecoys ? decoys : indicators).add(line.substring(0, comma));
        }
        assertEquals(4, indicators.size(), indicators.toString());
        assertEquals(2, decoys.size(), decoys.toString());
        Map<String, JsonNode> manifestById = new HashMap<>();
        manifest.forEach(m -> manifestById.put(m.get("eventID").asText(), m));
        Map<String, Integer> hits = new HashMap<>();
        for (TrailFiles.LoggedRecord logged : records) {
            JsonNode record = logged.record();
            List<String> matched = new ArrayList<>();
            for (String indicator : indicators) {
                if (Incident.IndicatorMatcher.matches(indicator, record)) {
                    matched.add(indicator);
                    hits.merge(indicator, 1, Integer::sum);
                }
            }
            for (String decoy : decoys) {
                assertFalse(Incident.IndicatorMatcher.matches(decoy, record), decoy + " matches " + record);
            }
            JsonNode line = manifestById.get(record.get("eventID").asText());
            List<String> expected = new ArrayList<>();
            if (line != null) {
                line.path("indicators").forEach(i -> expected.add(i.asText()));
            }
            assertEquals(expected, matched, record.toString());
        }
        assertEquals(Set.copyOf(indicators), hits.keySet());
    }

    @Test
    void adminUsersArePopulationUsersWhoChangeThings() throws IOException {
        List<String> admins = Files.readAllLines(out.resolve(TrailGenerator.ADMIN_USERS_FILE), StandardCharsets.UTF_8);
        assertEquals(2, admins.size(), admins.toString());
        Population population = new Population(17, 2, List.of());
        Set<String> users = population.actors(summary.accounts().get(0)).stream()
                .filter(a -> a.type() == IdentityType.IAM_USER).map(Actor::name).collect(Collectors.toSet());
        for (String admin : admins) {
            assertTrue(users.contains(admin), admin);
            assertFalse(admin.contains("-"), "a human user: " + admin);
            assertTrue(manifest.stream().anyMatch(m -> admin.equals(m.path("userName").asText())
                    && !plantedById.get(m.get("eventID").asText()).get("readOnly").asBoolean()), admin);
        }
    }

    @Test
    void sameSeedSameIncidentWhateverTheThreads(@TempDir Path again) throws IOException {
        config().incident(true).threads(1).build().writeTo(again);
        assertEquals(OutputStabilityTest.treeHash(out), OutputStabilityTest.treeHash(again));
    }

    @Test
    void incidentOffWritesNoIncidentFiles(@TempDir Path plain) throws IOException {
        GenerationSummary off = TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(2)
                .eventsPerHour(20).seed(3).build().writeTo(plain);
        assertNull(off.incidentStart());
        assertNull(off.incidentEnd());
        assertEquals(0, off.plantedRecords());
        for (String name : List.of(TrailGenerator.THREAT_INDICATORS_FILE, TrailGenerator.ADMIN_USERS_FILE,
                TrailGenerator.PLANTED_EVENTS_FILE)) {
            assertFalse(Files.exists(plain.resolve(name)), name);
        }
    }

    /** Shapes that stress the placement: short trails, empty hours, sparse files, pauses, no us-east-1. */
    @Test
    void plantedRecordsSurviveAwkwardTrails(@TempDir Path root) throws IOException {
        Map<String, TrailGenerator.Builder> shapes = new TreeMap<>();
        shapes.put("one-hour", TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(1)
                .eventsPerHour(30).seed(1));
        shapes.put("all-hours-empty", TrailGenerator.builder().accounts(1).regions(List.of("us-east-1", "eu-west-1"))
                .hours(3).emptyHourPercent(100).seed(2));
        shapes.put("sparse-files", TrailGenerator.builder().accounts(2).regions(List.of("ap-southeast-2", "eu-west-1")).hours(6)
                .eventsPerHour(2).logFilesPerHour(12).seed(3));
        shapes.put("pause-over-incident", TrailGenerator.builder().accounts(1).regions(List.of("eu-west-1", "us-east-1"))
                .hours(8).eventsPerHour(40).loggingPause(4, 2).organizationId("o-abcdef1234").seed(4));
        shapes.put("pause-after-first-hour", TrailGenerator.builder().accounts(1).regions(List.of("us-east-1"))
                .hours(3).eventsPerHour(40).loggingPause(1, 1).seed(5));
        for (Map.Entry<String, TrailGenerator.Builder> shape : shapes.entrySet()) {
            Path dir = root.resolve(shape.getKey());
            TrailGenerator generator = shape.getValue().incident(true).threads(2).build();
            GenerationSummary generated = generator.writeTo(dir);
            List<JsonNode> lines = manifest(dir);
            assertEquals(SCENARIOS.values().stream().mapToInt(Integer::intValue).sum(), lines.size(), shape.getKey());
            Map<String, String> logFileById = new HashMap<>();
            List<TrailFiles.LoggedRecord> all = TrailFiles.records(dir);
            assertEquals(generated.records(), all.size(), shape.getKey());
            all.forEach(r -> logFileById.merge(r.record().get("eventID").asText(), r.logFile(), (a, b) -> "twice"));
            for (JsonNode line : lines) {
                assertEquals(line.get("logFile").asText(), logFileById.get(line.get("eventID").asText()),
                        shape.getKey() + " " + line);
                Instant time = Instant.parse(line.get("eventTime").asText());
                assertTrue(!time.isBefore(generated.incidentStart()) && time.isBefore(generated.incidentEnd()));
                assertRegions(line, generated);
            }
            assertEquals(List.of(), DigestCheck.problems(dir, generator.signingKeys()), shape.getKey());
        }
    }

    @Test
    void incidentMovesOutOfALoggingPause() {
        TrailGenerator paused = TrailGenerator.builder().hours(8).loggingPause(4, 2).incident(true).build();
        assertEquals(Instant.parse("2026-01-05T03:00:00Z"), paused.incidentStart());
        TrailGenerator shortTrail = TrailGenerator.builder().hours(2).incident(true).build();
        assertEquals(Instant.parse("2026-01-05T00:00:00Z"), shortTrail.incidentStart());
    }

    @Test
    void quietTrailWithIncidentHasOnlyPlantedSecurityEvents(@TempDir Path quiet) throws IOException {
        config().securityEvents(false).incident(true).build().writeTo(quiet);
        Set<String> planted = manifest(quiet).stream().map(m -> m.get("eventID").asText()).collect(Collectors.toSet());
        int securityRelevant = 0;
        for (TrailFiles.LoggedRecord logged : TrailFiles.records(quiet)) {
            JsonNode record = logged.record();
            boolean security = SecurityEventsOptionTest.SECURITY_EVENT_NAMES.contains(record.get("eventName").asText())
                    || record.at("/userIdentity/type").asText().equals("Root")
                    || record.path("errorCode").asText().matches("AccessDenied.*|.*UnauthorizedOperation");
            if (security) {
                securityRelevant++;
                assertTrue(planted.contains(record.get("eventID").asText()), record.toString());
            }
        }
        assertTrue(securityRelevant > 30, "security-relevant planted records: " + securityRelevant);
    }

    @Test
    void scriptErrorsNameTheLine() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> IncidentScript.parse(
                "# comment\n{\"scenario\":\"x\",\"at\":\"61:00\",\"actor\":\"root\",\"record\":{}}\n", "test.ndjson"));
        assertTrue(error.getMessage().startsWith("test.ndjson:2:"), error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> IncidentScript.parse(
                "{\"scenario\":\"x\",\"at\":\"01:00\",\"actor\":\"intruder\",\"record\":"
                        + "{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\"}}", "test.ndjson"));
        assertTrue(error.getMessage().contains("unknown actor intruder"), error.getMessage());
        IncidentScript unknownPlaceholder = IncidentScript.parse("{\"scenario\":\"x\",\"at\":\"01:00\",\"actor\":\"root\","
                + "\"record\":{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\","
                + "\"requestParameters\":{\"userName\":\"${nope}\"}}}", "test.ndjson");
        error = assertThrows(IllegalArgumentException.class, () -> Incident.plan(unknownPlaceholder,
                new Population(1, 1, List.of()), List.of("us-east-1"), "trail", 1, Instant.EPOCH));
        assertTrue(error.getMessage().contains("${nope}"), error.getMessage());
    }

    @Test
    void bundledScriptParses() {
        IncidentScript script = IncidentScript.bundled();
        assertEquals(SCENARIOS.keySet(), script.steps().stream().map(IncidentScript.Step::scenario).collect(Collectors.toSet()));
        assertTrue(script.defines().containsKey("ip.attacker1"));
    }
}
