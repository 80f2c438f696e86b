package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.S3BucketExtension;
import org.cloudtrailopensearch.it.support.S3ProxyServer;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The loader killed with SIGKILL in the middle of a load from S3, then run again with the same {@code --state}:
 * every record ends up indexed exactly once, the second run skips the objects the first one finished (its summary
 * says how many) and does not download them again.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class ResumeAfterKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "resumed-trail";
    private static final String REGION = "us-east-1";
    private static final int FINISHED_BEFORE_KILL = 10;
    @RegisterExtension
    static final S3BucketExtension s3 = new S3BucketExtension(BUCKET);

    @TempDir
    Path work;

    @Test
    void aLoadKilledMidwayAndRunAgainIndexesEveryRecordOnceAndSkipsFinishedObjects(OpenSearchCluster cluster)
            throws Exception {
        String endpoint = s3.endpoint().toString();
        assertEquals(0, Main.run("generate", "--out", "s3://" + BUCKET + "/trail/", "--hours", "24", "--accounts", "2",
                "--regions", REGION, "--events-per-hour", "20", "--log-files-per-hour", "4", "--seed", "3",
                "--endpoint-url", endpoint, "--bucket-region", "us-east-1"));
        List<String> objectKeys = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        long records = groundTruth(objectKeys, eventIds);
        assertEquals(records, eventIds.size(), "every record has its own event id");

        Path state = work.resolve("state/load.jsonl");
        List<String> load = List.of("load", "s3://" + BUCKET + "/trail/", "--region", REGION, "--state", state.toString(),
                "--endpoint-url", endpoint, "--bucket-region", "us-east-1",
                "--opensearch-url", cluster.url().toString(), "--dead-letter", work.resolve("dl.ndjson").toString(),
                "--bulk-actions", "10", "--bulk-concurrency", "1");

        Process first = startLoader(load, work.resolve("first-run.log"));
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (finishedObjects(state).size() < FINISHED_BEFORE_KILL && first.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(first.isAlive(), "the first run ended before it could be killed:\n"
                    + Files.readString(work.resolve("first-run.log")));
            first.destroyForcibly(); // SIGKILL: no shutdown hooks, no closing of files
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "killed by SIGKILL");
        } finally {
            if (first.isAlive()) {
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        Set<String> finished = finishedObjects(state);
        assertTrue(finished.size() >= FINISHED_BEFORE_KILL && finished.size() < objectKeys.size(),
                finished.size() + " of " + objectKeys.size() + " objects were finished when the loader was killed");

        s3.requests().clear();
        Run second = runInProcess(load);

        assertEquals(0, second.exit, second.output);
        assertEquals(records, Searches.count(cluster.client(), "cloudtrail"),
                "every record once: the document count equals the number of distinct event ids");
        Matcher skipped = Pattern.compile("ALREADY_LOADED (\\d+)").matcher(second.output);
        assertTrue(skipped.find(), second.output);
        assertEquals(finished.size(), Integer.parseInt(skipped.group(1)), second.output);
        List<String> reads = s3.requests().reads();
        assertEquals(objectKeys.size() - finished.size(), reads.size(), "only the unfinished objects are downloaded");
        for (String key : reads) {
            assertTrue(!finished.contains("s3://" + BUCKET + "/" + key), "a finished object was read again: " + key);
        }
        assertEquals(objectKeys.size(), finishedObjects(state).size(), "after the second run every object is finished");
    }

    /** The selected log objects' keys and the event ids of their records; returns the number of records. */
    private static long groundTruth(List<String> objectKeys, Set<String> eventIds) throws IOException {
        long records = 0;
        try (S3Client client = s3.client()) {
            for (S3Object object : client.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix("trail/")).contents()) {
                if (object.key().contains("/CloudTrail/" + REGION + "/") && object.key().endsWith(".json.gz")) {
                    objectKeys.add(object.key());
                    try (InputStream in = new GZIPInputStream(client.getObject(g -> g.bucket(BUCKET).key(object.key())))) {
                        for (JsonNode record : JSON.readTree(in).path("Records")) {
                            eventIds.add(record.path("eventID").asText());
                            records++;
                        }
                    }
                }
            }
        }
        return records;
    }

    /** The loader CLI in its own JVM, so that it can be killed; S3 credentials come from its environment. */
    private static Process startLoader(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(S3ProxyServer.CREDENTIALS_ENVIRONMENT);
        return builder.start();
    }

    /** The names in the state file's complete entry lines, read as another process would. */
    private static Set<String> finishedObjects(Path state) throws IOException {
        Set<String> names = new HashSet<>();
        if (Files.notExists(state)) {
            return names;
        }
        String content = Files.readString(state, StandardCharsets.UTF_8);
        String complete = content.substring(0, content.lastIndexOf('\n') + 1);
        for (String line : complete.split("\n")) {
            if (line.startsWith("{")) {
                names.add(JSON.readTree(line).path("name").asText());
            }
        }
        return names;
    }

    private static Run runInProcess(List<String> args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args.toArray(String[]::new));
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            stdout.print(captured.toString(StandardCharsets.UTF_8));
        }
    }

    private record Run(int exit, String output) {
    }
}
