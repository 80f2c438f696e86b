package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.cloudtrailopensearch.it.DetectionMonitorsTest.Record;
import org.cloudtrailopensearch.it.DetectionMonitorsTest.Trail;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.loader.detections.SigmaRuleQueries;
import org.cloudtrailopensearch.loader.detections.SigmaRuleQueries.SigmaRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each translated Security Analytics rule ({@code security-analytics/sigma-rules.json}), run as a
 * {@code query_string} over the {@code cloudtrail} alias on the incident trail, finds exactly the records its
 * Sigma detection selects when applied to the raw CloudTrail JSON (the rule's logic restated below on the raw
 * field names), and among them at least one planted record (named in {@code planted-events.ndjson}).
 */
@ExtendWith(OpenSearchNodeExtension.class)
class DetectionSigmaRulesTest {

    @TempDir
    Path work;

    @Test
    void everyRuleMatchesItsPlantedEventsAndNothingElse(OpenSearchCluster cluster) throws Exception {
        Trail trail = Trail.generate(work.resolve("trail"), true, 6, 7);
        trail.load(cluster, work);
        SigmaRuleQueries queries = new SigmaRuleQueries(cluster.client());
        Map<String, Predicate<Record>> sigma = rawDetections();
        Set<String> plantedIds = trail.planted.stream().map(p -> p.path("eventID").asText()).collect(Collectors.toSet());
        StringBuilder measured = new StringBuilder();

        List<SigmaRule> rules = SigmaRuleQueries.rules();
        assertEquals(sigma.keySet(), rules.stream().map(SigmaRule::id).collect(Collectors.toSet()),
                "every shipped rule has its raw restatement here");
        for (SigmaRule rule : rules) {
            Set<String> expected = trail.records.stream().filter(sigma.get(rule.id()))
                    .map(r -> r.text("eventID")).collect(Collectors.toCollection(TreeSet::new));
            Set<String> plantedExpected = new TreeSet<>(expected);
            plantedExpected.retainAll(plantedIds);
            assertFalse(plantedExpected.isEmpty(), rule.title() + ": no planted record satisfies the rule");

            Set<String> hits = new TreeSet<>(queries.matchingEventIds(rule, 10_000));
            assertTrue(hits.containsAll(plantedExpected), rule.title() + ": planted records missing: " + diff(plantedExpected, hits));
            assertEquals(expected, hits, rule.title() + ": query hits differ from the rule applied to the raw records");
            assertEquals(expected.size(), queries.count(rule), rule.title() + ": count");
            Set<String> scenarios = trail.planted.stream().filter(p -> plantedExpected.contains(p.path("eventID").asText()))
                    .map(p -> p.path("scenario").asText()).collect(Collectors.toCollection(TreeSet::new));
            measured.append(String.format("%n  %-40s %s: %d hits, %d planted %s", rule.title(), rule.id(), hits.size(),
                    plantedExpected.size(), scenarios));
        }
        System.out.println("[it] Sigma rules on the incident trail:" + measured);
    }

    /** Each rule's Sigma detection, on the raw CloudTrail field names (values compared as Security Analytics does). */
    private static Map<String, Predicate<Record>> rawDetections() {
        Map<String, Predicate<Record>> d = new HashMap<>();
        d.put("8ad1600d-e9dc-4251-b0ee-a65268f29add", r -> r.text("userIdentity.type").equals("Root")
                && !r.text("eventType").equals("AwsServiceEvent"));
        d.put("4db60cc0-36fb-42b7-9b58-a5b53019fb74", r -> r.source("cloudtrail")
                && r.named("StopLogging", "UpdateTrail", "DeleteTrail"));
        d.put("6e61ee20-ce00-4f8d-8aee-bedd8216f7e3", r -> r.source("guardduty") && r.named("CreateIPSet"));
        d.put("0a5177f4-6ca9-44c2-aacf-d3f3d8b6e4d2", r -> r.source("iam") && r.named("CreateAccessKey")
                && !r.text("userIdentity.arn").contains("responseElements.accessKey.userName"));
        d.put("b45ab1d2-712f-4f01-a751-df3826969807", r -> r.source("sts") && r.named("GetSessionToken")
                && r.text("userIdentity.type").equals("IAMUser"));
        d.put("07330162-dba1-4746-8121-a9647d49d297", r -> r.source("config")
                && r.named("DeleteDeliveryChannel", "StopConfigurationRecorder"));
        d.put("abae8fec-57bd-4f87-aff6-6e3db989843d", r -> r.source("ec2") && r.named("ModifySnapshotAttribute"));
        d.put("16124c2d-e40b-4fcc-8f2c-5ab7870a2223", r -> r.source("ec2") && r.named("DisableEbsEncryptionByDefault"));
        d.put("055fb148-60f8-462d-ad16-26926ce050f1", r -> r.source("iam") && r.named("UpdateLoginProfile")
                && !r.text("userIdentity.arn").equals("requestParameters.userName"));
        d.put("a136ac98-b2bc-4189-a14d-f0d0388e57a7", r -> r.source("s3") && r.named("PutBucketVersioning")
                && r.at("requestParameters").toString().contains("Suspended"));
        d.put("91f6a16c-ef71-437a-99ac-0b070e3ad221", r -> r.named("ArchiveFindings", "CreateFindingsFilter", "DeleteMember",
                "DisassociateFromMasterAccount", "DisassociateMember", "DisableMacie", "DisableOrganizationAdminAccount",
                "UpdateFindingsFilter", "UpdateMacieSession", "UpdateMemberSession", "UpdateClassificationJob"));
        return d;
    }

    private static Set<String> diff(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        return missing;
    }
}
