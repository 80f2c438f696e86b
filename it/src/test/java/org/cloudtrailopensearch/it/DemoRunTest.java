package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.loader.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code demo} does once its node is up ({@link DemoRun}), on the test node: a generated trail with the planted
 * incident and one log file altered after signing, loaded with each file's integrity verdict, labels.environment
 * "demo", the generated threat feed and admin list, and the hint how to import the dashboards.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class DemoRunTest {

    @TempDir
    Path work;

    @Test
    void loadsTheTrailAndShowsTheAlteredFilesVerdict(OpenSearchCluster cluster) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DemoRun.builder().cluster(cluster.client(), cluster.url()).workDir(work).accounts(1).hours(2).seed(7)
                .output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .build().run();

        String output = out.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertEquals(0, exit, output + err);
        Matcher altered = Pattern.compile("Altered one log file after it was signed .*: (\\S+) \\((\\d+) records\\)").matcher(output);
        assertTrue(altered.find(), output);
        long alteredRecords = Long.parseLong(altered.group(2));
        assertTrue(alteredRecords > 0);
        assertEquals(alteredRecords, countWithVerdict(cluster, "invalid"), "exactly the altered file's records are invalid");
        assertTrue(countWithVerdict(cluster, "valid") > 0);
        assertTrue(output.contains("integrity:") && output.contains("invalid (" + alteredRecords + ")"), output);
        assertTrue(output.contains("Alerting: the cluster has no Alerting plugin") || output.contains("Alerting: installing"), output);
        assertTrue(output.contains("Dashboards Management > Saved objects > Import"), output);
        assertTrue(output.contains("It holds a planted security incident"), output);

        // The planted incident is loaded, every document is labelled, the feed and admin list were used.
        List<String> planted = Files.readAllLines(work.resolve("trail").resolve(TrailGenerator.PLANTED_EVENTS_FILE)).stream()
                .filter(line -> !line.isBlank()).map(DemoRunTest::eventId).toList();
        assertTrue(planted.size() > 100, "planted records: " + planted.size());
        assertEquals(planted.size(), cluster.client().count(c -> c.index("cloudtrail")
                .query(q -> q.ids(i -> i.values(planted)))).count(), "every planted record is indexed");
        long all = cluster.client().count(c -> c.index("cloudtrail")).count();
        assertEquals(all, count(cluster, "labels.environment", DemoRun.ENVIRONMENT));
        assertTrue(count(cluster, "threat.enrichments.indicator.provider", TrailGenerator.THREAT_FEED) > 0,
                "the incident matches the generated threat feed");
        assertTrue(count(cluster, "user.roles", "admin") > 0, "admin-users.txt gave admin roles");
        assertTrue(output.contains("setup --opensearch-url " + cluster.url() + " --dashboards-url"), output);

        // No dashboard opens empty on the demo's data, and the monitors see the incident and the altered file.
        Matcher panels = Pattern.compile("Dashboard panels with data \\(each panel's own search, run here\\): (\\d+) of (\\d+)")
                .matcher(output);
        assertTrue(panels.find(), output);
        assertEquals(panels.group(2), panels.group(1), output);
        long bundlePanels = 0;
        for (String line : new String(DashboardAssets.savedObjectsNdjson(), StandardCharsets.UTF_8).split("\n")) {
            String type = new ObjectMapper().readTree(line).path("type").asText();
            bundlePanels += type.equals("visualization") || type.equals("search") ? 1 : 0;
        }
        assertEquals(String.valueOf(bundlePanels), panels.group(2), output);
        for (String monitor : List.of("root-account-used", "cloudtrail-logging-stopped", "log-file-integrity-failure")) {
            assertTrue(Pattern.compile(monitor + " +FIRES in ").matcher(output).find(), monitor + " should fire: " + output);
        }
    }

    private static long countWithVerdict(OpenSearchCluster cluster, String verdict) throws Exception {
        return count(cluster, "aws.cloudtrail.log_file.integrity", verdict);
    }

    private static long count(OpenSearchCluster cluster, String field, String value) throws Exception {
        cluster.client().indices().refresh(r -> r.index("cloudtrail"));
        return Searches.count(cluster.client(), "cloudtrail", field, value);
    }

    private static String eventId(String plantedLine) {
        try {
            return new ObjectMapper().readTree(plantedLine).path("eventID").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
