package org.cloudtrailopensearch.benchmarks.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.read.CloudTrailFileReader;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.loader.read.RecordVisitor;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RecordContext;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The loader benchmarks' ceiling: a trail's documents, mapped beforehand and serialised into {@code _bulk} bodies
 * of the loader's request size, sent with the loader's number of requests in flight. What the node itself can
 * index, with no reading or mapping on the way.
 */
final class BulkCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BulkSettings BULK = BulkSettings.defaults();

    private BulkCeiling() {
    }

    /**
     * Maps the trail's records (in key order, up to {@code maxDocuments}) and serialises the documents into
     * {@code _bulk} bodies the way the loader batches them.
     */
    static List<byte[]> bodies(Path trail, CloudTrailMapper mapper, long maxDocuments) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long[] counts = {0, 0}; // in this body, in all
        CloudTrailFileReader reader = new CloudTrailFileReader(1024 * 1024);
        RecordVisitor visitor = new RecordVisitor() {
            @Override
            public void onRecord(SourceRecord record) {
                if (counts[1] == maxDocuments) {
                    return;
                }
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
                counts[1]++;
                if (++counts[0] == BULK.maxOperations()) {
                    bodies.add(body.toByteArray());
                    body.reset();
                    counts[0] = 0;
                }
            }

            @Override
            public void onFailure(ReadFailure failure) {
                throw new IllegalStateException(failure.toString());
            }
        };
        for (LogObject object : new LocalLogObjectSource(trail.resolve("AWSLogs")).list().objects()) {
            if (counts[1] == maxDocuments) {
                break;
            }
            reader.read(object.name(), object::open, visitor);
        }
        if (counts[0] > 0) {
            bodies.add(body.toByteArray());
        }
        return bodies;
    }

    /** Documents in the bodies: two lines each. */
    static long documents(List<byte[]> bodies) {
        long lines = 0;
        for (byte[] body : bodies) {
            for (byte b : body) {
                if (b == '\n') {
                    lines++;
                }
            }
        }
        return lines / 2;
    }

    /** Sends every body, {@link BulkSettings#concurrentRequests()} at a time; any item error fails the benchmark. */
    static void send(OpenSearchClient client, List<byte[]> bodies) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(BULK.concurrentRequests());
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (byte[] body : bodies) {
                sent.add(senders.submit(() -> {
                    try (Response response = client.generic().execute(Requests.builder().endpoint("/_bulk")
                            .method("POST").body(Body.from(body, "application/x-ndjson")).build())) {
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

    /** The ceiling in documents/s: the bodies sent into empty indices. */
    static double measure(OpenSearchClient client, List<byte[]> bodies, long documents) throws Exception {
        deleteIndices(client);
        long start = System.nanoTime();
        send(client, bodies);
        return documents / ((System.nanoTime() - start) / 1e9);
    }

    static void deleteIndices(OpenSearchClient client) throws IOException {
        try (Response ignored = client.generic().execute(Requests.builder()
                .endpoint("/" + CloudTrailIndexTemplates.indexPattern()).method("DELETE").build())) {
            // nothing to check: the pattern may match no index
        }
    }
}
