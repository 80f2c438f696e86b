package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
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
 * Every kind of damaged input of issue 14 loaded in one run next to good records: each damaged record is one dead
 * letter naming its file, record index and reason, every good record around it is indexed (exact counts), and the
 * run reconciles (read = indexed + dead-lettered + skipped).
 */
@ExtendWith(OpenSearchNodeExtension.class)
class BadInputsLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD_END = "\"recipientAccountId\":\"111122223333\"}";
    private static final String GOOD = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-21T10:00:00Z\","
            + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"192.0.2.10\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"dave\","
            + "\"accountId\":\"111122223333\"},\"readOnly\":true,\"eventID\":\"%s\"," + RECORD_END;

    @TempDir
    Path work;

    @Test
    void eachDamagedRecordIsOneDeadLetterAndEveryGoodRecordIsIndexed(OpenSearchCluster cluster) throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        write(input, "a-broken-inside.json", records(good("a1"), good("a-cut").substring(0, 60) + good("a2"), good("a3")));
        byte[] truncated = cutGzip(records(IntStream.range(0, 40).mapToObj(i -> good("b" + i)).toArray(String[]::new)));
        Files.write(input.resolve("b-truncated.json.gz"), truncated);
        int beforeTheCut = completeRecordsBeforeTheCut(truncated);
        Files.write(input.resolve("c-empty.json"), new byte[0]);
        Files.write(input.resolve("d-empty.json.gz"), Samples.gzip(new byte[0]));
        write(input, "e-not-cloudtrail.json", "{\"foo\":1}\n{\"foo\":2}\n");
        write(input, "f-records.ndjson", String.join("\n",
                good("f-identity").replace("{\"type\":\"IAMUser\",\"userName\":\"dave\",\"accountId\":\"111122223333\"}", "\"dave\""),
                good("f-time").replace("2026-11-21T10:00:00Z", "yesterday"),
                good("f1"),
                good("f-read-only").replace("\"readOnly\":true", "\"readOnly\":\"perhaps\""),
                good("f-far").replace("2026-11-21T10:00:00Z", "+10000-01-01T00:00:00Z")));
        String huge = good("g-huge").replace("\"awsRegion\"", "\"requestParameters\":{\"blob\":\"" + "x".repeat(5 << 20) + "\"},\"awsRegion\"");
        write(input, "g-huge.json", records(good("g1"), huge, good("g2")));
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        utf8.writeBytes(("{\"Records\":[" + good("h1") + ",").getBytes(StandardCharsets.UTF_8));
        byte[] invalid = good("h-bad").replace("dave", "da\u0000ve").getBytes(StandardCharsets.UTF_8);
        invalid[indexOf(invalid, (byte) 0)] = (byte) 0xff;
        utf8.writeBytes(invalid);
        utf8.writeBytes(("," + good("h2") + "]}").getBytes(StandardCharsets.UTF_8));
        Files.write(input.resolve("h-invalid-utf8.json"), utf8.toByteArray());
        write(input, "i-records-object.json", "{\"Records\":" + good("i-object") + "}");
        String deep = good("j-deep").replace("\"awsRegion\"", "\"requestParameters\":" + "{\"a\":".repeat(10_000) + "1"
                + "}".repeat(10_000) + ",\"awsRegion\"");
        write(input, "j-deep.json", records(good("j1"), deep, good("j2")));
        write(input, "k-array.json", "[" + good("k-array") + "]");
        Files.write(input.resolve("z-good.json.gz"), Samples.gzip(records(good("z1"), good("z2"), good("z3"))
                .getBytes(StandardCharsets.UTF_8)));

        LoadReport report = load(cluster, input);

        Set<String> expectedLetters = new TreeSet<>(List.of(
                "a-broken-inside.json#1 MALFORMED_JSON",
                "b-truncated.json.gz#" + beforeTheCut + " TRUNCATED_GZIP",
                "e-not-cloudtrail.json#0 NOT_CLOUDTRAIL_FILE",
                "f-records.ndjson#0 WRONG_TYPE",
                "f-records.ndjson#1 INVALID_EVENT_TIME",
                "f-records.ndjson#3 WRONG_TYPE",
                "f-records.ndjson#4 INVALID_EVENT_TIME",
                "g-huge.json#1 TOO_LARGE",
                "h-invalid-utf8.json#1 MALFORMED_JSON",
                "i-records-object.json#0 NOT_CLOUDTRAIL_FILE",
                "j-deep.json#1 MALFORMED_JSON",
                "k-array.json#0 NOT_CLOUDTRAIL_FILE"));
        assertEquals(expectedLetters, deadLetters(), report.toText());
        assertTrue(beforeTheCut > 0 && beforeTheCut < 40, "the cut loses some records: " + beforeTheCut);
        long goodRecords = 3 + beforeTheCut + 1 + 2 + 2 + 2 + 3;
        assertEquals(goodRecords, report.indexed(), report.toText());
        assertEquals(expectedLetters.size(), report.deadLetteredTotal(), report.toText());
        assertEquals(report.read(), report.indexed() + report.deadLetteredTotal() + report.skippedTotal(), report.toText());
        assertTrue(report.reconciles(), report.toText());
        assertEquals(goodRecords, Searches.count(cluster.client(), "cloudtrail"));
    }

    private LoadReport load(OpenSearchCluster cluster, Path input) throws Exception {
        new IndexSetup(cluster.client(), true).apply(System.out);
        LoadJobConfig config = LoadJobConfig.builder()
                .deadLetterFile(work.resolve("dead-letters.ndjson"))
                .maxRecordBytes(1 << 20)
                .build();
        LoadReport report = new LoadJob(config, CloudTrailMapper.builder().build(), cluster.client())
                .run(new LocalLogObjectSource(input));
        System.out.print(report.toText());
        return report;
    }

    /** Each dead letter as "file#index REASON". */
    private Set<String> deadLetters() throws IOException {
        return Files.readAllLines(work.resolve("dead-letters.ndjson")).stream().map(line -> {
            try {
                JsonNode letter = JSON.readTree(line);
                return Path.of(letter.get("source").asText()).getFileName() + "#" + letter.get("index").asLong() + " "
                        + letter.get("reason").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The gzip of {@code content} without the end of its compressed data: a download or copy cut short. */
    private static byte[] cutGzip(String content) throws IOException {
        byte[] gzip = Samples.gzip(content.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(gzip, gzip.length * 2 / 3);
    }

    /** How many records inflate whole from the cut stream: those the reader must deliver. */
    private static int completeRecordsBeforeTheCut(byte[] cut) throws IOException {
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(cut))) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) > 0; ) {
                inflated.write(buffer, 0, read);
            }
        } catch (EOFException expected) {
            // the cut
        }
        String text = inflated.toString(StandardCharsets.UTF_8);
        int count = 0;
        for (int at = text.indexOf(RECORD_END); at >= 0; at = text.indexOf(RECORD_END, at + 1)) {
            count++;
        }
        return count;
    }

    private static String records(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    private static String good(String eventId) {
        return String.format(GOOD, eventId);
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("no such byte");
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
