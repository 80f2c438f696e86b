package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.Samples;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --verify-integrity}: a trail with one altered log file and one log file that no digest names.
 * {@code refuse} indexes only the proven files; {@code mark} indexes all and records each file's verdict.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class IntegrityLoadTest {

    @TempDir
    Path work;

    private Path trail;
    private long allRecords;
    private long alteredRecords;

    @BeforeEach
    void tamperWithAGeneratedTrail() throws Exception {
        trail = work.resolve("trail");
        allRecords = TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(2).seed(11)
                .emptyHourPercent(0).build().writeTo(trail).records();
        List<Path> logs;
        try (Stream<Path> files = Files.walk(trail.resolve("AWSLogs"))) {
            logs = files.filter(f -> f.toString().endsWith(".json.gz") && f.toString().contains("/CloudTrail/"))
                    .sorted().toList();
        }
        // Altered: the same records, one more byte of white space, so the hash no longer matches its digest.
        Path altered = logs.get(0);
        byte[] content = gunzip(altered);
        alteredRecords = new ObjectMapper().readTree(content).path("Records").size();
        Files.write(altered, Samples.gzip((new String(content) + " ").getBytes()));
        // Injected: a log file in the trail's own folder that no digest names.
        Path injected = logs.get(1).resolveSibling(logs.get(1).getFileName().toString().replace(".json.gz", "x.json.gz"));
        Files.write(injected, Samples.gzip(Samples.bytes("three-records.json")));
        allRecords += 3;
    }

    @Test
    void refuseIndexesOnlyFilesProvenUnaltered(OpenSearchCluster cluster) throws Exception {
        int exit = load(cluster, "refuse");

        assertEquals(0, exit, "skipped files are not failures");
        long expected = allRecords - alteredRecords - 3;
        assertEquals(expected, Searches.count(cluster.client(), "cloudtrail") - digestDocuments(cluster));
        assertEquals(0, Searches.termQuery(cluster.client(), "cloudtrail", "event.id", Samples.THREE_RECORD_EVENT_IDS[0]).size(),
                "the injected file's records are not indexed");
    }

    @Test
    void markIndexesEverythingWithEachFilesVerdict(OpenSearchCluster cluster) throws Exception {
        int exit = load(cluster, "mark");

        assertEquals(0, exit);
        assertEquals(alteredRecords, countWithVerdict(cluster, "invalid"));
        assertEquals(3, countWithVerdict(cluster, "not_in_any_digest"));
        assertEquals(allRecords - alteredRecords - 3, countWithVerdict(cluster, "valid"));
        var injected = Searches.termQuery(cluster.client(), "cloudtrail", "event.id", Samples.THREE_RECORD_EVENT_IDS[0]);
        assertTrue(injected.get(0).source().path("log").path("file").path("path").asText().endsWith("x.json.gz"));
    }

    private int load(OpenSearchCluster cluster, String mode) {
        return Main.run("load", trail.resolve("AWSLogs").toString(),
                "--verify-integrity", mode, "--public-keys", trail.resolve("public-keys.json").toString(),
                "--opensearch-url", cluster.url().toString(), "--dead-letter", work.resolve("dl.ndjson").toString());
    }

    private static long countWithVerdict(OpenSearchCluster cluster, String verdict) throws Exception {
        return Searches.count(cluster.client(), "cloudtrail", "aws.cloudtrail.log_file.integrity", verdict);
    }

    private static long digestDocuments(OpenSearchCluster cluster) throws Exception {
        return cluster.client().count(c -> c.index("cloudtrail")
                .query(q -> q.wildcard(w -> w.field("log.file.path").value("*/CloudTrail-Digest/*")))).count();
    }

    private static byte[] gunzip(Path file) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
