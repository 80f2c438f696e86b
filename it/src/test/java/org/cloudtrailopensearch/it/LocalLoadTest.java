package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

/** The thin end-to-end path: a gzipped Records file on disk → {@code load} → searchable ECS documents. */
@ExtendWith(OpenSearchNodeExtension.class)
class LocalLoadTest {

    @TempDir
    Path work;

    @Test
    void recordsFromAGzippedLogFileBecomeSearchableEcsDocuments(OpenSearchCluster cluster) throws Exception {
        Samples.writeGzippedLogFile(work.resolve("trail"), "three-records.json");

        int exit = Main.run("load", work.resolve("trail").toString(),
                "--opensearch-url", cluster.url().toString(),
                "--dead-letter", work.resolve("dead-letters.ndjson").toString());

        assertEquals(0, exit, "load exit code");
        assertEquals(3, Searches.count(cluster.client(), "cloudtrail"));
        List<Hit<ObjectNode>> hits = Searches.termQuery(cluster.client(), "cloudtrail", "event.action", "CreateAccessKey");
        assertEquals(1, hits.size());
        Hit<ObjectNode> hit = hits.get(0);
        assertEquals("cloudtrail-2026.11", hit.index());
        assertEquals(Samples.THREE_RECORD_EVENT_IDS[0], hit.id());
        JsonNode doc = hit.source();
        assertEquals(Instant.parse("2026-11-20T08:15:30Z"), Instant.parse(doc.path("@timestamp").asText()));
        assertEquals("alice", doc.path("user").path("name").asText());
        assertEquals("203.0.113.17", doc.path("source").path("ip").asText());
        assertEquals("111122223333", doc.path("cloud").path("account").path("id").asText());
        assertTrue(Files.notExists(work.resolve("dead-letters.ndjson")), "a clean load writes no dead-letter file");
    }

    @Test
    void theMappedFieldsAreQueryableWithTheirEcsTypes(OpenSearchCluster cluster) throws Exception {
        Samples.writeGzippedLogFile(work.resolve("trail"), "three-records.json");
        assertEquals(0, Main.run("load", work.resolve("trail").toString(), "--opensearch-url", cluster.url().toString(),
                "--dead-letter", work.resolve("dl.ndjson").toString()));

        // source.ip is an ip field: a CIDR term query matches, for IPv4 and IPv6 alike.
        assertEquals(1, Searches.termQuery(cluster.client(), "cloudtrail", "source.ip", "203.0.113.0/24").size());
        assertEquals(1, Searches.termQuery(cluster.client(), "cloudtrail", "source.ip", "2001:db8::/32").size());
        // user.name and cloud.account.id are keywords: exact terms match.
        assertEquals(1, Searches.termQuery(cluster.client(), "cloudtrail", "user.name", "Deployer").size());
        assertEquals(1, Searches.termQuery(cluster.client(), "cloudtrail", "cloud.account.id", "444455556666").size());
        // @timestamp is a date: a range query selects the last day only.
        long lastDay = cluster.client().count(c -> c.index("cloudtrail")
                .query(q -> q.queryString(qs -> qs.query("@timestamp:>=2026-11-21")))).count();
        assertEquals(1, lastDay);
    }
}
