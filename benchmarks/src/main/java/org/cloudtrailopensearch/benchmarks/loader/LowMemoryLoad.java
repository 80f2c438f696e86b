package org.cloudtrailopensearch.benchmarks.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.loader.demo.DistributionLocator;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.localnode.LocalNodeConfig;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchNode;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * A trail of more than 1 GB uncompressed loaded by the CLI in a small heap: the {@code bin/cloudtrail-opensearch}
 * launcher is run as a child process with {@code CLOUDTRAIL_OPENSEARCH_JAVA_OPTS=-Xmx<heap>} (as a user sets it),
 * under GNU time for its peak resident memory, with integrity marks on, into a local node this benchmark starts.
 * Next to it, against the same node in the same run, before and after the load: the {@code _bulk} ceiling of the
 * first documents of the same trail, mapped beforehand and sent as the loader sends them.
 *
 * <pre>
 * mvn -q -Dmaven.test.skip=true -pl benchmarks -am package     # also builds the launcher's jar
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar org.cloudtrailopensearch.benchmarks.loader.LowMemoryLoad \
 *     /tmp/gb-bench [heap, default 256m] [ceiling documents, default 150000]
 * </pre>
 *
 * Run from the checkout's root (the launcher is {@code bin/cloudtrail-opensearch}).
 */
public final class LowMemoryLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LowMemoryLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/gb-bench");
        String heap = args.length > 1 ? args[1] : "256m";
        long ceilingDocuments = args.length > 2 ? Long.parseLong(args[2]) : 150_000;
        Path launcher = Path.of("bin/cloudtrail-opensearch").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("run from the checkout's root: no " + launcher);
        }
        Path trail = work.resolve("trail");
        if (!Files.isDirectory(trail.resolve("AWSLogs"))) {
            // One chain, 24 hourly digests, ~1.03 million records, ~1.1 GB of JSON.
            GenerationSummary summary = TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(24)
                    .eventsPerHour(40_000).seed(2026).build().writeTo(trail);
            System.out.println("generated " + summary);
        }
        String version = "2.19.6";
        Path zip = DistributionLocator.find(version).orElseThrow(() -> new IllegalStateException(
                "no OpenSearch " + version + " distribution in ~/.m2; run `mvn -pl loader -am package` first"));
        try (LocalOpenSearchNode node = LocalOpenSearchNode.start(LocalNodeConfig.builder().distributionZip(zip)
                .workDir(work.resolve("opensearch")).heapSize("1g").build())) {
            System.out.println(node + ", " + Runtime.getRuntime().availableProcessors() + " cores");
            OpenSearchClient client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(node.httpUri()).build());
            new IndexSetup(client).apply(System.out);
            List<byte[]> bodies = BulkCeiling.bodies(trail, CloudTrailMapper.builder().build(), ceilingDocuments);
            long documents = BulkCeiling.documents(bodies);

            double before = BulkCeiling.measure(client, bodies, documents);
            System.out.printf("ceiling before: %.0f docs/s (%d documents)%n", before, documents);
            BulkCeiling.deleteIndices(client);

            Path summaryFile = work.resolve("summary.json");
            Path timeFile = work.resolve("time.txt");
            Files.deleteIfExists(work.resolve("dead-letter.ndjson"));
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f",
                    "%M %e %U %S", launcher.toString(), "load", trail.toString(),
                    "--opensearch-url", node.httpUri().toString(), "--public-keys",
                    trail.resolve("public-keys.json").toString(), "--verify-integrity", "mark",
                    "--summary-json", summaryFile.toString(), "--dead-letter", work.resolve("dead-letter.ndjson").toString()));
            ProcessBuilder load = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("load.log").toFile());
            load.environment().put("CLOUDTRAIL_OPENSEARCH_JAVA_OPTS", "-Xmx" + heap);
            int exit = load.start().waitFor();
            String[] time = Files.readString(timeFile, StandardCharsets.UTF_8).trim().split("\\s+");
            JsonNode summary = JSON.readTree(summaryFile.toFile());
            if (exit != 0 || !summary.path("counts_reconcile").asBoolean()) {
                throw new IllegalStateException("load exited " + exit + "; see " + work.resolve("load.log"));
            }
            long read = summary.path("records").path("read").asLong();
            long indexed = summary.path("records").path("indexed").asLong();
            double rate = summary.path("records_per_second").asDouble();
            System.out.printf("load with -Xmx%s: %d records read, %d indexed, %d dead-lettered, %d skipped, %.1f s,"
                            + " %.0f records/s; peak RSS %d KB; CPU user %s s, system %s s%n", heap, read, indexed,
                    summary.path("records").path("dead_lettered").asLong(), summary.path("records").path("skipped").asLong(),
                    summary.path("duration_seconds").asDouble(), rate, Long.parseLong(time[0]), time[2], time[3]);

            double after = BulkCeiling.measure(client, bodies, documents);
            System.out.printf("ceiling after: %.0f docs/s%n", after);
            System.out.printf("loader / mean ceiling: %.0f%%%n", 100 * rate / ((before + after) / 2));
            client._transport().close();
        }
    }
}
