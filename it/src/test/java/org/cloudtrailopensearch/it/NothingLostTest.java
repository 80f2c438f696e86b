package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.Samples;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.loader.run.LoadJob;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never stops a run and is never silently dropped: each kind ends in the dead-letter file
 * with its file, record index and reason, the good records around it are indexed, and the counts
 * reconcile. Loading the same input again replaces documents instead of duplicating them.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class NothingLostTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-20T10:00:00Z\","
            + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"192.0.2.10\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"carol\","
            + "\"accountId\":\"111122223333\"},\"eventID\":\"%s\",\"recipientAccountId\":\"111122223333\"}";

    @TempDir
    Path work;

    @Test
    void everyKindOfBadInputIsDeadLetteredWithItsReasonAndTheRunGoesOn(OpenSearchCluster cluster) throws Exception {
        Path input = work.resolve("input");
        Files.createDirectories(input);
        // 1 good record, then JSON that breaks off inside the Records array.
        write(input.resolve("a-malformed.json"), "{\"Records\":[" + good("good-1") + ",{\"eventVersion\":\"1.08\",\"eventTi");
        // a gzip stream cut in half: whatever precedes the cut is read, the rest is one dead letter.
        byte[] gzip = Samples.gzip(("{\"Records\":[" + good("good-2") + "," + good("lost-1") + "," + good("lost-2") + "]}")
                .getBytes(StandardCharsets.UTF_8));
        Files.write(input.resolve("b-truncated.json.gz"), Arrays.copyOf(gzip, gzip.length / 2));
        // JSON, but not CloudTrail.
        write(input.resolve("c-not-cloudtrail.json"), "{\"hello\":\"world\"}\n");
        // NDJSON: a wrong type, a missing eventTime, a huge event and a good one.
        String huge = good("huge").replace("\"awsRegion\"", "\"requestParameters\":{\"blob\":\"" + "x".repeat(20_000) + "\"},\"awsRegion\"");
        write(input.resolve("d-records.ndjson"), String.join("\n",
                good("wrong-type").replace("{\"type\":\"IAMUser\",\"userName\":\"carol\",\"accountId\":\"111122223333\"}", "\"carol\""),
                good("no-time").replace("\"eventTime\":\"2026-11-20T10:00:00Z\",", ""),
                huge,
                "",
                good("good-3")));

        LoadReport report = load(cluster, input);

        assertTrue(report.reconciles(), report.toText());
        Map<String, Long> dead = report.deadLetteredByReason();
        assertEquals(1L, dead.get("MALFORMED_JSON"), report.toText());
        assertEquals(1L, dead.get("TRUNCATED_GZIP"), report.toText());
        assertEquals(1L, dead.get("NOT_CLOUDTRAIL_FILE"), report.toText());
        assertEquals(1L, dead.get("WRONG_TYPE"), report.toText());
        assertEquals(1L, dead.get("MISSING_EVENT_TIME"), report.toText());
        assertEquals(1L, dead.get("TOO_LARGE"), report.toText());
        assertEquals(6, report.deadLetteredTotal());
        long goodRecordsBeforeTheCut = report.indexed() - 2; // good-1 and good-3 always; good-2 if before the cut
        assertTrue(goodRecordsBeforeTheCut == 0 || goodRecordsBeforeTheCut == 1, report.toText());
        assertEquals(report.indexed(), Searches.count(cluster.client(), "cloudtrail"));

        List<JsonNode> letters = deadLetters();
        assertEquals(6, letters.size());
        Map<String, JsonNode> byReason = letters.stream().collect(Collectors.toMap(l -> l.get("reason").asText(), l -> l));
        assertTrue(byReason.get("MALFORMED_JSON").get("source").asText().endsWith("a-malformed.json"));
        assertEquals(1, byReason.get("MALFORMED_JSON").get("index").asLong(), "the first record lost");
        assertTrue(byReason.get("TRUNCATED_GZIP").get("source").asText().endsWith("b-truncated.json.gz"));
        assertTrue(byReason.get("WRONG_TYPE").get("message").asText().contains("userIdentity"));
        assertEquals(0, byReason.get("WRONG_TYPE").get("index").asLong());
        assertEquals(1, byReason.get("MISSING_EVENT_TIME").get("index").asLong());
        assertEquals(2, byReason.get("TOO_LARGE").get("index").asLong());
        assertTrue(byReason.get("TOO_LARGE").get("record_truncated").asBoolean());
        assertTrue(byReason.get("MISSING_EVENT_TIME").get("record").asText().contains("no-time"),
                "the raw record is kept so it can be replayed");
    }

    @Test
    void loadingTheSameFilesAgainReplacesDocumentsInsteadOfDuplicatingThem(OpenSearchCluster cluster) throws Exception {
        Samples.writeGzippedLogFile(work.resolve("trail"), "three-records.json");

        LoadReport first = load(cluster, work.resolve("trail"));
        LoadReport second = load(cluster, work.resolve("trail"));

        assertEquals(3, first.indexedCreated());
        assertEquals(0, second.indexedCreated());
        assertEquals(3, second.indexedUpdated());
        assertEquals(3, Searches.count(cluster.client(), "cloudtrail"));
    }

    private LoadReport load(OpenSearchCluster cluster, Path input) throws Exception {
        new IndexSetup(cluster.client()).apply(System.out);
        LoadJobConfig config = LoadJobConfig.builder()
                .deadLetterFile(work.resolve("dead-letters.ndjson"))
                .maxRecordBytes(16 * 1024)
                .build();
        LoadReport report = new LoadJob(config, CloudTrailMapper.builder().build(), cluster.client())
                .run(new LocalLogObjectSource(input));
        System.out.print(report.toText());
        return report;
    }

    private List<JsonNode> deadLetters() throws Exception {
        return Files.readAllLines(work.resolve("dead-letters.ndjson")).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String good(String eventId) {
        return String.format(GOOD, eventId);
    }

    private static void write(Path file, String content) throws Exception {
        Files.writeString(file, content);
    }
}
