package org.cloudtrailopensearch.benchmarks.loader;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.cloudtrailopensearch.loader.demo.DistributionLocator;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.localnode.LocalNodeConfig;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchCluster;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.run.LoadJob;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * Load throughput into a local multi-node OpenSearch cluster (N nodes on 127.0.0.1, one replica per shard, as the
 * templates give any cluster of two or more data nodes) next to the raw {@code _bulk} ceiling measured in the same
 * round against the same cluster: the same documents, mapped beforehand, in bodies of the same size, sent with the
 * same requests in flight, spread over every node as the loader's client spreads them. What is measured against the
 * ceiling is pluggable ({@link MeasuredLoad}): the in-process {@code load} by default, or any command (e.g. N
 * queue workers started by a script), or code passed to {@link #measure}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.cloudtrailopensearch.benchmarks.loader.ClusterLoadBenchmark \
 *     /tmp/cluster-bench [hours] [rounds] [nodes] [--heap 512m] [--command 'CMD {urls} {trail} {work}']
 * </pre>
 *
 * With {@code --command}, each round runs {@code sh -c CMD} with {@code {urls}} replaced by the nodes' URLs
 * (comma-separated, as {@code --opensearch-url} takes them), {@code {trail}} by the trail's {@code AWSLogs}
 * folder and {@code {work}} by the work folder; it must exit 0 once everything is indexed, and the documents it
 * indexed are counted in the cluster.
 */
public final class ClusterLoadBenchmark {

    private ClusterLoadBenchmark() {
    }

    /** The cluster a round loads into, with its indices empty and the templates installed. */
    public record ClusterUnderTest(List<URI> urls, OpenSearchClient client, Path trail, Path work) {
        /** The URLs as {@code --opensearch-url} takes them. */
        public String urlList() {
            return urls.stream().map(URI::toString).collect(Collectors.joining(","));
        }
    }

    /** One measured load of the whole trail into the cluster; returns the documents it indexed. */
    @FunctionalInterface
    public interface MeasuredLoad {
        long run(ClusterUnderTest cluster) throws Exception;

        /** Runs before each {@link #run}, untimed, on empty indices: e.g. filling a queue with the trail's objects. */
        default void prepare(ClusterUnderTest cluster) throws Exception {
        }
    }

    /** What {@code load} does, in process: readers, a mapping worker per core, the bulk sink, over every node. */
    public static MeasuredLoad inProcessLoad() {
        return cluster -> {
            LoadReport report = new LoadJob(LoadJobConfig.builder().bulk(LoadBenchmark.BULK).refreshWhenDone(false)
                    .deadLetterFile(cluster.work().resolve("dead-letter.ndjson")).build(),
                    CloudTrailMapper.builder().build(), cluster.client())
                    .run(new LocalLogObjectSource(cluster.trail()));
            if (!report.reconciles() || report.deadLetteredTotal() > 0) {
                throw new IllegalStateException("the load lost or dead-lettered records:\n" + report.toText());
            }
            return report.indexed();
        };
    }

    /** A shell command (see the class comment for its placeholders); counts what it indexed in the cluster. */
    public static MeasuredLoad command(String template) {
        return cluster -> {
            String command = template.replace("{urls}", cluster.urlList())
                    .replace("{trail}", cluster.trail().toString()).replace("{work}", cluster.work().toString());
            Path log = cluster.work().resolve("command.log");
            Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("`" + command + "` exited with " + exit + "; its output: " + log);
            }
            cluster.client().indices().refresh(r -> r.index(CloudTrailIndexTemplates.indexPattern()));
            return cluster.client().count(c -> c.index(CloudTrailIndexTemplates.indexPattern())).count();
        };
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        String heap = "512m";
        String command = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--heap" -> heap = args[++i];
                case "--command" -> command = args[++i];
                default -> positional.add(args[i]);
            }
        }
        BenchTrail input = BenchTrail.fromArgs(positional.toArray(String[]::new));
        int nodes = positional.size() > 3 ? Integer.parseInt(positional.get(3)) : 3;
        measure(input, nodes, heap, command == null ? "loader" : "command",
                command == null ? inProcessLoad() : command(command));
    }

    /**
     * Starts the cluster, then per round (a warm-up first): the {@code _bulk} ceiling, then {@code load}; indices are
     * deleted before each phase. Prints each round's documents/s and ratio, and the median ratio.
     */
    public static void measure(BenchTrail input, int nodes, String heapPerNode, String name, MeasuredLoad load)
            throws Exception {
        measure(input, nodes, heapPerNode, Map.of(name, load));
    }

    /**
     * As {@link #measure(BenchTrail, int, String, String, MeasuredLoad)} with several loads, each measured in every
     * round right after the ceiling, in the map's order, against the same cluster (e.g. 1, 2 and 4 queue workers).
     */
    public static void measure(BenchTrail input, int nodes, String heapPerNode, Map<String, MeasuredLoad> loads)
            throws Exception {
        Path trail = input.trail();
        String version = "2.19.6";
        Path zip = DistributionLocator.find(version).orElseThrow(() -> new IllegalStateException(
                "no OpenSearch " + version + " distribution in ~/.m2; run `mvn -pl loader -am package` first"));
        long starting = System.nanoTime();
        try (LocalOpenSearchCluster cluster = LocalOpenSearchCluster.start(LocalNodeConfig.builder()
                .distributionZip(zip).workDir(input.work().resolve("opensearch-cluster")).heapSize(heapPerNode).build(),
                nodes)) {
            System.out.printf("%s (%s heap each), green after %.0f s; %d cores, %s %s%n", cluster, heapPerNode,
                    (System.nanoTime() - starting) / 1e9, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));
            OpenSearchClient client = OpenSearchClientFactory.create(OpenSearchTarget.builder()
                    .urls(cluster.httpUris()).build());
            new IndexSetup(client).apply(System.out);
            List<byte[]> bodies = BulkCeiling.bodies(trail, CloudTrailMapper.builder().build(), Long.MAX_VALUE);
            long documents = BulkCeiling.documents(bodies);
            System.out.printf("%d documents in %d bulk bodies (%.1f MB)%n", documents, bodies.size(),
                    bodies.stream().mapToLong(b -> b.length).sum() / 1e6);
            ClusterUnderTest target = new ClusterUnderTest(cluster.httpUris(), client, trail.resolve("AWSLogs"),
                    Files.createDirectories(input.work().resolve("measured")));

            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            loads.keySet().forEach(name -> ratios.put(name, new ArrayList<>()));
            for (int round = 0; round <= input.rounds(); round++) {
                double ceiling = BulkCeiling.measure(client, bodies, documents);
                String label = round == 0 ? "warm-up" : "round " + round;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "%s: ceiling (_bulk of pre-mapped documents) %.0f docs/s", label, ceiling));
                for (Map.Entry<String, MeasuredLoad> load : loads.entrySet()) {
                    String name = load.getKey();
                    BulkCeiling.deleteIndices(client);
                    load.getValue().prepare(target);
                    long start = System.nanoTime();
                    long indexed = load.getValue().run(target);
                    double measured = indexed / ((System.nanoTime() - start) / 1e9);
                    if (indexed != documents) {
                        throw new IllegalStateException(
                                name + " indexed " + indexed + " of " + documents + " documents");
                    }
                    line.append(String.format(Locale.ROOT, ", %s %.0f docs/s, ratio %.0f%%", name, measured,
                            100 * measured / ceiling));
                    if (round > 0) {
                        ratios.get(name).add(measured / ceiling);
                    }
                }
                System.out.println(line);
            }
            StringJoiner medians = new StringJoiner(", ", "median ratio: ", " (" + nodes + " nodes)");
            ratios.forEach((name, values) -> {
                values.sort(null);
                medians.add(values.isEmpty() ? name + " -"
                        : String.format(Locale.ROOT, "%s %.0f%%", name, 100 * values.get(values.size() / 2)));
            });
            System.out.println(medians);
            client._transport().close();
        }
    }
}
