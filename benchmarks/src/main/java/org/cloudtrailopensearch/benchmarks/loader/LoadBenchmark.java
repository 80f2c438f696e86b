package org.cloudtrailopensearch.benchmarks.loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cloudtrailopensearch.loader.run.LoadJob;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.demo.DistributionLocator;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.localnode.LocalNodeConfig;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchNode;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * End-to-end load throughput (documents/s from gzipped log files into a real local OpenSearch node) next to
 * its ceiling measured in the same run against the same node: the same documents, mapped beforehand and
 * serialised into {@code _bulk} bodies of the same size, sent with the same number of requests in flight.
 * The ceiling is what the node can index; the gap is the loader's own reading, mapping and client work
 * (which on a small machine also competes with the node for CPU). The loader runs as {@code load} does: two reader
 * threads, one mapping worker per core, the bulk sink with the same request size and requests in flight.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.cloudtrailopensearch.benchmarks.loader.LoadBenchmark \
 *     /tmp/load-bench [hours] [rounds] [--cpu-split 0:1]
 * </pre>
 *
 * With {@code --cpu-split}, the node and this JVM run on separate CPUs ({@link CpuSplit}), so the ratio shows
 * whether the loader keeps the node as busy as raw {@code _bulk} does, not how much CPU it takes from it.
 */
public final class LoadBenchmark {

    static final BulkSettings BULK = BulkSettings.defaults();

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CpuSplit split = CpuSplit.fromArgs(args);
        if (split != null) {
            split.pinBench();
        }
        BenchTrail input = BenchTrail.fromArgs(CpuSplit.positional(args));
        Path work = input.work();
        int rounds = input.rounds();
        Path trail = input.trail();
        String version = "2.19.6";
        Path zip = DistributionLocator.find(version).orElseThrow(() -> new IllegalStateException(
                "no OpenSearch " + version + " distribution in ~/.m2; run `mvn -pl loader -am package` first"));
        try (LocalOpenSearchNode node = LocalOpenSearchNode.start(LocalNodeConfig.builder().distributionZip(zip)
                .workDir(work.resolve("opensearch")).heapSize("1g").build())) {
            if (split != null) {
                split.pinNode(node.pid());
                System.out.println(split);
            }
            System.out.println(node + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            OpenSearchClient client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(node.httpUri()).build());
            new IndexSetup(client).apply(System.out);
            CloudTrailMapper mapper = CloudTrailMapper.builder().build();
            List<byte[]> bodies = BulkCeiling.bodies(trail, mapper, Long.MAX_VALUE);
            long documents = BulkCeiling.documents(bodies);
            System.out.printf("%d documents in %d bulk bodies (%.1f MB)%n", documents, bodies.size(),
                    bodies.stream().mapToLong(b -> b.length).sum() / 1e6);

            List<Double> ratios = new ArrayList<>();
            CpuMeter cpu = new CpuMeter(node.pid());
            for (int round = 0; round <= rounds; round++) {
                cpu.start();
                double ceiling = BulkCeiling.measure(client, bodies, documents);
                String ceilingCpu = cpu.perDocument(documents);
                BulkCeiling.deleteIndices(client);
                cpu.start();
                long start = System.nanoTime();
                LoadReport report = new LoadJob(LoadJobConfig.builder().bulk(BULK).refreshWhenDone(false)
                        .deadLetterFile(work.resolve("dead-letter.ndjson")).build(), mapper, client)
                        .run(new LocalLogObjectSource(trail.resolve("AWSLogs")));
                double loader = report.indexed() / ((System.nanoTime() - start) / 1e9);
                String loaderCpu = cpu.perDocument(documents);
                if (report.indexed() != documents || !report.reconciles()) {
                    throw new IllegalStateException("loader indexed " + report.indexed() + " of " + documents);
                }
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.printf("%s: ceiling (_bulk of pre-mapped documents) %.0f docs/s, loader %.0f docs/s, ratio %.0f%%%n",
                        label, ceiling, loader, 100 * loader / ceiling);
                System.out.printf("  ceiling %s; loader %s%n", ceilingCpu, loaderCpu);
                if (round > 0) {
                    ratios.add(loader / ceiling);
                }
            }
            ratios.sort(null);
            System.out.printf("median ratio %.0f%%%n", 100 * ratios.get(ratios.size() / 2));
            client._transport().close();
        }
    }
}
