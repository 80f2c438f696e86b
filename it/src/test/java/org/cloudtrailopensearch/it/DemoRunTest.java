package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.loader.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch._types.FieldValue;

/**
 * What {@code demo} does once its node is up ({@link DemoRun}), on the test node: a generated trail with one log
 * file altered after signing, loaded with each file's integrity verdict, and the hint how to import the dashboards.
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
        assertTrue(output.contains("Alerting: the cluster has no Alerting plugin"), output);
        assertTrue(output.contains("Dashboards Management > Saved objects > Import"), output);
        assertTrue(output.contains("setup --opensearch-url " + cluster.url() + " --dashboards-url"), output);
    }

    private static long countWithVerdict(OpenSearchCluster cluster, String verdict) throws Exception {
        cluster.client().indices().refresh(r -> r.index("cloudtrail"));
        return cluster.client().count(c -> c.index("cloudtrail").query(q -> q.term(t -> t
                .field("aws.cloudtrail.log_file.integrity").value(FieldValue.of(verdict))))).count();
    }
}
