package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.S3BucketExtension;
import org.cloudtrailopensearch.it.support.Samples;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.core.search.Hit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The same path reading from S3: objects in an S3 API server (S3Proxy) → {@code load s3://...} → OpenSearch. */
@ExtendWith(OpenSearchNodeExtension.class)
class S3LoadTest {

    private static final String BUCKET = "org-cloudtrail-logs";
    @RegisterExtension
    static final S3BucketExtension s3 = new S3BucketExtension(BUCKET);

    @TempDir
    java.nio.file.Path work;

    @BeforeAll
    static void putObjects() throws Exception {
        try (S3Client client = s3.client()) {
            String key = "logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/"
                    + "111122223333_CloudTrail_us-east-1_20261120T0815Z_s3it.json.gz";
            client.putObject(p -> p.bucket(BUCKET).key(key),
                    RequestBody.fromBytes(Samples.gzip(Samples.bytes("three-records.json"))));
            client.putObject(p -> p.bucket(BUCKET).key("elsewhere/ignored.json.gz"),
                    RequestBody.fromBytes(Samples.gzip(Samples.bytes("three-records.json"))));
        }
    }

    @Test
    void recordsUnderAnS3PrefixBecomeSearchableDocuments(OpenSearchCluster cluster) throws Exception {
        int exit = Main.run("load", "s3://" + BUCKET + "/logs/",
                "--endpoint-url", s3.endpoint().toString(), "--bucket-region", "us-east-1",
                "--opensearch-url", cluster.url().toString(),
                "--dead-letter", work.resolve("dl.ndjson").toString());

        assertEquals(0, exit);
        assertEquals(3, Searches.count(cluster.client(), "cloudtrail"), "only objects below the prefix are loaded");
        List<Hit<ObjectNode>> hits = Searches.termQuery(cluster.client(), "cloudtrail", "event.action", "RunInstances");
        assertEquals(1, hits.size());
        ObjectNode doc = hits.get(0).source();
        assertEquals("Deployer", doc.path("user").path("name").asText());
        assertEquals("198.51.100.42", doc.path("source").path("ip").asText());
        assertEquals("111122223333", doc.path("cloud").path("account").path("id").asText());
        assertEquals("eu-west-1", doc.path("cloud").path("region").asText());
    }
}
