package org.cloudtrailopensearch.benchmarks.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RecordContext;
import org.cloudtrailopensearch.loader.read.CloudTrailFileReader;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.loader.read.RecordVisitor;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

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
 *     /tmp/load-bench [hours] [rounds]
 * </pre>
 */
public final class LoadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final BulkSettings BULK = BulkSettings.defaults();

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchTrail input = BenchTrail.fromArgs(args);
        Path work = input.work();
        int rounds = input.rounds();
        Path trail = input.trail();
        String version = "2.19.6";
        Path zip = DistributionLocator.find(version).orElseThrow(() -> new IllegalStateException(
                "no OpenSearch " + version + " distribution in ~/.m2; run `mvn -pl loader -am package` first"));
        try (LocalOpenSearchNode node = LocalOpenSearchNode.start(LocalNodeConfig.builder().distributionZip(zip)
                .workDir(work.resolve("opensearch")).heapSize("1g").build())) {
            System.out.println(node + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            OpenSearchClient client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(node.httpUri()).build());
            new IndexSetup(client).apply(System.out);
            CloudTrailMapper mapper = CloudTrailMapper.builder().build();
            List<byte[]> bodies = bulkBodies(trail, mapper);
            long documents = bodies.stream().mapToLong(LoadBenchmark::lines).sum() / 2;
            System.out.printf("%d documents in %d bulk bodies (%.1f MB)%n", documents, bodies.size(),
                    bodies.stream().mapToLong(b -> b.length).sum() / 1e6);

            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                deleteIndices(client);
                long start = System.nanoTime();
                sendAll(client, bodies);
                double ceiling = documents / ((System.nanoTime() - start) / 1e9);
                deleteIndices(client);
                start = System.nanoTime();
                LoadReport report = new LoadJob(LoadJobConfig.builder().bulk(BULK).refreshWhenDone(false)
                        .deadLetterFile(work.resolve("dead-letter.ndjson")).build(), mapper, client)
                        .run(new LocalLogObjectSource(trail.resolve("AWSLogs")));
                double loader = report.indexed() / ((System.nanoTime() - start) / 1e9);
                if (report.indexed() != documents || !report.reconciles()) {
                    throw new IllegalStateException("loader indexed " + report.indexed() + " of " + documents);
                }
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.printf("%s: ceiling (_bulk of pre-mapped documents) %.0f docs/s, loader %.0f docs/s, ratio %.0f%%%n",
                        label, ceiling, loader, 100 * loader / ceiling);
                if (round > 0) {
                    ratios.add(loader / ceiling);
                }
            }
            ratios.sort(null);
            System.out.printf("median ratio %.0f%%%n", 100 * ratios.get(ratios.size() / 2));
            client._transport().close();
        }
    }

    /** Maps every record once and serialises the documents into _bulk bodies the way the loader batches them. */
    static List<byte[]> bulkBodies(Path trail, CloudTrailMapper mapper) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] inBody = {0};
        CloudTrailFileReader reader = new CloudTrailFileReader(1024 * 1024);
        RecordVisitor visitor = new RecordVisitor() {
            @Override
            public void onRecord(SourceRecord record) {
                MappingResult result = mapper.encode(record.json(), RecordContext.of(record.source()));
                if (!(result instanceof MappingResult.Encoded document)) {
                    throw new IllegalStateException(record.location() + ": " + result);
                }
                String index = CloudTrailIndexTemplates.indexNameFor(document.timestamp());
                String id = document.eventId() != null ? document.eventId() : record.location();
                try {
                    body.write(JSON.writeValueAsBytes(JSON.createObjectNode().set("index",
                            JSON.createObjectNode().put("_index", index).put("_id", id))));
                    body.write('\n');
                    body.write(document.json());
                    body.write('\n');
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                if (++inBody[0] == BULK.maxOperations()) {
                    bodies.add(body.toByteArray());
                    body.reset();
                    inBody[0] = 0;
                }
            }

            @Override
            public void onFailure(ReadFailure failure) {
                throw new IllegalStateException(failure.toString());
            }
        };
        for (LogObject object : new LocalLogObjectSource(trail.resolve("AWSLogs")).list().objects()) {
            reader.read(object.name(), object::open, visitor);
        }
        if (inBody[0] > 0) {
            bodies.add(body.toByteArray());
        }
        return bodies;
    }

    static void sendAll(OpenSearchClient client, List<byte[]> bodies) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(BULK.concurrentRequests());
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (byte[] body : bodies) {
                sent.add(senders.submit(() -> {
                    try (Response response = client.generic().execute(Requests.builder().endpoint("/_bulk")
                            .method("POST").body(org.opensearch.client.opensearch.generic.Body.from(body,
                                    "application/x-ndjson")).build())) {
                        String answer = response.getBody().orElseThrow().bodyAsString();
                        if (response.getStatus() != 200 || answer.startsWith("{\"took\"") && answer.contains("\"errors\":true")) {
                            throw new IllegalStateException("bulk failed: " + answer.substring(0, Math.min(500, answer.length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }
    }

    static void deleteIndices(OpenSearchClient client) throws IOException {
        try (Response ignored = client.generic().execute(Requests.builder()
                .endpoint("/" + CloudTrailIndexTemplates.indexPattern()).method("DELETE").build())) {
            // nothing to check: the pattern may match no index
        }
    }

    static long lines(byte[] body) {
        long n = 0;
        for (byte b : body) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

}
