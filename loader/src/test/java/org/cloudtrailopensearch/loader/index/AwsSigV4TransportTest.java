package org.cloudtrailopensearch.loader.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.cloudtrailopensearch.loader.support.FakeHttpServer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Answer;
import org.cloudtrailopensearch.loader.support.SigV4Check;
import org.cloudtrailopensearch.loader.support.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * A SigV4 target's requests, as an HTTPS server receives them: the opensearch-java AWS SDK transport signs them
 * with the default-chain credentials (here the SDK's system properties) for the right service and region, and the
 * signature verifies against the secret key.
 */
class AwsSigV4TransportTest {

    static final String ACCESS_KEY = "AKIDCLUSTERSTEST01";
    static final String SECRET_KEY = "secret/Never+Printed/0123456789abcdefghij";

    @TempDir
    static Path dir;

    private static TestCertificates certificates;

    @BeforeAll
    static void certificates() throws Exception {
        certificates = TestCertificates.create(dir, "aws-endpoint");
    }

    @BeforeEach
    void credentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    @AfterEach
    void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static OpenSearchTarget target(FakeHttpServer server, String service, String region) {
        return OpenSearchTarget.builder().url(server.url()).caCertificate(certificates.caPem())
                .awsSigV4(new OpenSearchTarget.AwsSigV4(service, Optional.of(region))).build();
    }

    @Test
    void signsTheProbeAndABodyForOpenSearchService() throws Exception {
        try (FakeHttpServer server = FakeHttpServer.https(certificates.serverContext(),
                request -> Answer.json(200, "{\"acknowledged\":true}"))) {
            OpenSearchClient client = OpenSearchClientFactory.create(target(server, "es", "eu-west-1"));
            String body = "{\"index_patterns\":[\"cloudtrail-*\"]}";
            try {
                ClusterProbe.check(client, target(server, "es", "eu-west-1"));
                try (Response response = client.generic().execute(Requests.builder().method("PUT")
                        .endpoint("/_index_template/it-sigv4").query(java.util.Map.of("create", "false")).json(body).build())) {
                    assertEquals(200, response.getStatus());
                }
            } finally {
                client._transport().close();
            }

            assertEquals(2, server.requests().size());
            String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
            for (FakeHttpServer.Request request : server.requests()) {
                SigV4Check.Signature signature = SigV4Check.parse(request.header("authorization"));
                assertEquals(ACCESS_KEY, signature.accessKey());
                assertEquals("eu-west-1", signature.region());
                assertEquals("es", signature.service());
                assertTrue(signature.date().equals(today) || request.header("x-amz-date").startsWith(signature.date()));
                assertTrue(request.header("x-amz-date").matches(signature.date() + "T\\d{6}Z"), request.header("x-amz-date"));
                assertTrue(signature.signedHeaders().containsAll(java.util.List.of("host", "x-amz-date")),
                        signature.signedHeaders().toString());
                assertEquals(SigV4Check.expectedSignature(request, SECRET_KEY), signature.signature(),
                        "the signature verifies for " + request.method() + " " + request.path());
            }
            FakeHttpServer.Request put = server.requests().get(1);
            assertEquals("PUT", put.method());
            assertEquals(body, put.bodyText());
            assertEquals(SigV4Check.sha256Hex(body.getBytes(StandardCharsets.UTF_8)), put.header("x-amz-content-sha256"));
        }
    }

    @Test
    void signsForServerlessWithItsServiceName() throws Exception {
        try (FakeHttpServer server = FakeHttpServer.https(certificates.serverContext(), request -> Answer.json(404, "{}"))) {
            OpenSearchTarget target = target(server, "aoss", "us-east-2");
            OpenSearchClient client = OpenSearchClientFactory.create(target);
            try {
                ClusterProbe.check(client, target); // Serverless has no GET /: a 404 still proves access
            } finally {
                client._transport().close();
            }

            FakeHttpServer.Request probe = server.requests().get(0);
            SigV4Check.Signature signature = SigV4Check.parse(probe.header("authorization"));
            assertEquals("aoss", signature.service());
            assertEquals("us-east-2", signature.region());
            assertEquals(SigV4Check.sha256Hex(new byte[0]), probe.header("x-amz-content-sha256"));
            assertEquals(SigV4Check.expectedSignature(probe, SECRET_KEY), signature.signature());
        }
    }

    @Test
    void sendsNoBasicAuthAndNoSecret() throws Exception {
        try (FakeHttpServer server = FakeHttpServer.https(certificates.serverContext(), request -> Answer.json(200, "{}"))) {
            OpenSearchTarget target = target(server, "es", "eu-central-1");
            OpenSearchClient client = OpenSearchClientFactory.create(target);
            try {
                ClusterProbe.check(client, target);
            } finally {
                client._transport().close();
            }

            FakeHttpServer.Request probe = server.requests().get(0);
            assertTrue(probe.header("authorization").startsWith("AWS4-HMAC-SHA256 "));
            assertNull(probe.header("x-amz-security-token"), "no session token was configured");
            assertTrue(probe.headers().values().stream().flatMap(java.util.List::stream)
                    .noneMatch(value -> value.contains(SECRET_KEY)), "the secret key never travels");
        }
    }
}
