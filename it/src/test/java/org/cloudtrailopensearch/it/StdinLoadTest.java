package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.Samples;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.core.search.Hit;

/** {@code load -}: one stream on stdin, a gzipped Records file or NDJSON, into OpenSearch. */
@ExtendWith(OpenSearchNodeExtension.class)
class StdinLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private int loadFromStdin(OpenSearchCluster cluster, byte[] stdin) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return Main.run("load", "-", "--opensearch-url", cluster.url().toString(),
                    "--dead-letter", work.resolve("dl.ndjson").toString());
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void aGzippedRecordsFileOnStdinIsLoaded(OpenSearchCluster cluster) throws Exception {
        assertEquals(0, loadFromStdin(cluster, Samples.gzip(Samples.bytes("three-records.json"))));

        assertEquals(3, Searches.count(cluster.client(), "cloudtrail"));
        List<Hit<ObjectNode>> hits = Searches.termQuery(cluster.client(), "cloudtrail", "event.action", "CreateAccessKey");
        assertEquals(1, hits.size());
        assertEquals(Samples.THREE_RECORD_EVENT_IDS[0], hits.get(0).id());
        assertEquals("stdin", hits.get(0).source().path("log").path("file").path("path").asText(),
                "the stream is named stdin in the documents' provenance");
    }

    @Test
    void ndjsonOnStdinIsLoadedRecordByRecord(OpenSearchCluster cluster) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        int n = 0;
        for (JsonNode record : JSON.readTree(Samples.bytes("three-records.json")).path("Records")) {
            for (int copy = 0; copy < 2; copy++) {
                ((ObjectNode) record).put("eventID", "stdin-ndjson-" + n++);
                ndjson.append(JSON.writeValueAsString(record)).append('\n');
            }
        }

        assertEquals(0, loadFromStdin(cluster, ndjson.toString().getBytes(StandardCharsets.UTF_8)));

        assertEquals(6, Searches.count(cluster.client(), "cloudtrail"));
        assertEquals(1, Searches.termQuery(cluster.client(), "cloudtrail", "event.id", "stdin-ndjson-5").size());
    }
}
