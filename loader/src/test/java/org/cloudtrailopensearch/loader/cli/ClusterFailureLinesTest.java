package org.cloudtrailopensearch.loader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cloudtrailopensearch.loader.support.FakeHttpServer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Answer;
import org.cloudtrailopensearch.loader.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that cannot be used ends {@code load} and {@code setup} with exit code 2 and one line on stderr that
 * names the URL and what to check, never a stack trace, never the password.
 */
class ClusterFailureLinesTest {

    private static final String PASSWORD = "pw-Never-Printed-7731";

    @TempDir
    static Path dir;

    private static Path source;
    private static Path credentials;
    private static TestCertificates serverCertificates;
    private static TestCertificates otherCertificates;

    @BeforeAll
    static void files() throws IOException, InterruptedException {
        source = Files.writeString(dir.resolve("trail.json"), "{\"Records\":[]}");
        credentials = Files.writeString(dir.resolve("credentials.properties"),
                "username=loader\npassword=" + PASSWORD + "\n");
        serverCertificates = TestCertificates.create(dir.resolve("tls"), "server");
        otherCertificates = TestCertificates.create(dir.resolve("tls"), "other");
    }


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static CliRun load(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("load", source.toString(), "--opensearch-url", url,
                "--credentials-file", credentials.toString(), "--dead-letter", dir.resolve("dead.ndjson").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static void assertOneClearLine(CliRun run, String url, String expected) {
        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals(1, run.errorLines().size(), "one line on stderr:\n" + run.stderr());
        String line = run.errorLines().get(0);
        assertTrue(line.contains(url), line);
        assertTrue(line.contains(expected), line);
        assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.stderr());
        assertFalse((run.stdout() + run.stderr()).contains(PASSWORD), "password printed");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void connectionRefused() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        CliRun run = load(url);

        assertOneClearLine(run, url, "connection refused");
        assertTrue(run.errorLines().get(0).startsWith("load: "), run.stderr());
    }

    @Test
    void setupReportsConnectionRefusedTheSameWay() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        CliRun run = run("setup", "--opensearch-url", url, "--credentials-file", credentials.toString());

        assertOneClearLine(run, url, "connection refused");
    }

    @Test
    void unknownHost() {
        String url = "http://no-such-cluster.invalid:9200";

        assertOneClearLine(load(url), url, "unknown host");
    }

    @Test
    void httpsOnAnHttpPort() throws Exception {
        // Like OpenSearch's HTTP port, the server answers whatever bytes come with a plain-text 400.
        try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerBadRequest(plain), "plain-http");
            server.setDaemon(true);
            server.start();
            String url = "https://127.0.0.1:" + plain.getLocalPort();

            assertOneClearLine(load(url), url, "does not speak TLS");
        }
    }

    @Test
    void httpsOnAPortThatNeverAnswers() throws IOException {
        try (FakeHttpServer silent = new FakeHttpServer(request -> Answer.json(200, "{}"))) {
            // The JDK's HTTP server waits for a request line and never answers a TLS hello.
            String url = "https://127.0.0.1:" + silent.url().getPort();

            assertOneClearLine(load(url), url, "no answer in time (if the cluster serves plain http on this port, use http://)");
        }
    }

    private static void answerBadRequest(ServerSocket server) {
        while (!server.isClosed()) {
            try (java.net.Socket socket = server.accept()) {
                socket.getInputStream().read(new byte[512]);
                socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void httpOnAnHttpsPort() throws IOException {
        try (FakeHttpServer tls = FakeHttpServer.https(serverCertificates.serverContext(), request -> Answer.json(200, "{}"))) {
            String url = "http://127.0.0.1:" + tls.url().getPort();

            assertOneClearLine(load(url), url, "https://");
        }
    }

    @Test
    void certificateOfAnUnknownCa() throws IOException {
        try (FakeHttpServer tls = FakeHttpServer.https(serverCertificates.serverContext(), request -> Answer.json(200, "{}"))) {
            String url = tls.url().toString();

            assertOneClearLine(load(url), url, "certificate could not be verified");
            assertOneClearLine(load(url, "--ca-cert", otherCertificates.caPem().toString()), url,
                    "certificate could not be verified");
        }
    }

    @Test
    void refusedCredentials() throws IOException {
        try (FakeHttpServer tls = FakeHttpServer.https(serverCertificates.serverContext(), request -> new Answer(401,
                "Unauthorized", java.util.Map.of("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"")))) {
            String url = tls.url().toString();

            CliRun run = load(url, "--ca-cert", serverCertificates.caPem().toString());

            assertOneClearLine(run, url, "authentication failed (HTTP 401)");
            assertTrue(tls.requests().stream().allMatch(request -> request.header("authorization") != null),
                    "the credentials were offered");
        }
    }

    @Test
    void forbidden() throws IOException {
        try (FakeHttpServer server = new FakeHttpServer(request -> Answer.json(403,
                "{\"error\":{\"type\":\"security_exception\",\"reason\":\"no permissions\"},\"status\":403}"))) {
            String url = server.url().toString();

            assertOneClearLine(load(url), url, "access denied (HTTP 403)");
        }
    }

    @Test
    void theRightCaIsAccepted() throws IOException {
        try (FakeHttpServer tls = FakeHttpServer.https(serverCertificates.serverContext(), request -> Answer.json(200,
                "{\"version\":{\"number\":\"2.19.4\"}}"))) {
            CliRun run = load(tls.url().toString(), "--ca-cert", serverCertificates.caPem().toString(), "--no-setup");

            assertFalse(run.stderr().contains("certificate"), run.stderr());
            assertEquals("/", tls.requests().get(0).path(), "the probe came first");
        }
    }
}
