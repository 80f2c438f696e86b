package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cloudtrailopensearch.it.support.CliProcess;
import org.cloudtrailopensearch.it.support.Samples;
import org.cloudtrailopensearch.it.support.SecuredNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load} against a real secured OpenSearch (security plugin, TLS with the test's own CA, basic auth): the
 * right CA and password load every record; a wrong password, an unknown CA or plain http end with exit code 2 and
 * one line; the password is in no output and no file a run writes. One node serves every case.
 */
class SecuredClusterTest {

    private static SecuredNode node;

    @TempDir
    static Path trail;

    @TempDir
    Path run;

    @BeforeEach
    void runFolder() throws IOException {
        Files.createDirectories(run.resolve("cwd"));
    }

    @BeforeAll
    static void startSecuredNode() throws Exception {
        // The secured node does not depend on the suite's version: it runs in one pass of the suite, not in each.
        Assumptions.assumeFalse(Boolean.getBoolean("it.secured.skip"),
                "the secured node runs in the first pass of the suite only");
        Samples.writeGzippedLogFile(trail, "three-records.json");
        node = SecuredNode.start();
    }

    @BeforeEach
    void noCloudTrailIndices() throws IOException {
        node.client().indices().delete(d -> d.index("cloudtrail*").ignoreUnavailable(true).allowNoIndices(true));
    }

    @AfterAll
    static void stopSecuredNode() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    /** {@code load} of the three-record trail as a process, the credentials in its environment. */
    private CliProcess.Result loadAsProcess(Map<String, String> env, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("load", trail.resolve("AWSLogs").toString(),
                "--opensearch-url", node.url().toString()));
        args.addAll(List.of(more));
        CliProcess.Result result = CliProcess.run(run.resolve("cwd"), env, args.toArray(String[]::new));
        System.out.println("[it] load " + String.join(" ", more) + " -> exit " + result.exitCode() + "\n" + result.stderr());
        assertPasswordNowhere(result);
        return result;
    }

    /** {@code load} of {@code source} in this JVM, the credentials in a file; everything it writes goes to the run folder. */
    private CliProcess.Result loadInProcess(Path source, String url, String password, String... more) throws Exception {
        Path credentialsFile = Files.writeString(run.resolve("cwd/opensearch.properties"),
                "username=" + SecuredNode.USERNAME + "\npassword=" + password + "\n");
        List<String> args = new java.util.ArrayList<>(List.of("load", source.toString(), "--opensearch-url", url,
                "--credentials-file", credentialsFile.toString(),
                "--dead-letter", run.resolve("cwd/dead-letters.ndjson").toString()));
        args.addAll(List.of(more));
        CliProcess.Result result = CliProcess.runInProcess(args.toArray(String[]::new));
        System.out.println("[it] load " + String.join(" ", more) + " -> exit " + result.exitCode() + "\n" + result.stderr());
        Files.delete(credentialsFile); // the one file that is meant to hold the password
        assertPasswordNowhere(result);
        return result;
    }

    private static Map<String, String> credentials(String password) {
        return Map.of("OPENSEARCH_USERNAME", SecuredNode.USERNAME, "OPENSEARCH_PASSWORD", password);
    }

    private long documents() throws IOException {
        node.client().indices().refresh(r -> r.index("cloudtrail*").ignoreUnavailable(true).allowNoIndices(true));
        return node.client().count(c -> c.index("cloudtrail*").ignoreUnavailable(true).allowNoIndices(true)).count();
    }

    @Test
    void theRightCaAndPasswordLoadEveryRecord() throws Exception {
        CliProcess.Result result = loadAsProcess(credentials(node.password()), "--ca-cert", node.caPem().toString());

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(3, documents());
        assertTrue(result.stdout().contains("3"), result.stdout());
    }

    @Test
    void aCredentialsFileWorksAndDeadLettersKeepNoPassword() throws Exception {
        Path source = Files.createDirectories(run.resolve("trail-with-damage"));
        Samples.writeGzippedLogFile(source, "three-records.json");
        Files.writeString(source.resolve("a-malformed.json"), "{\"Records\":[{\"eventVersion\":\"1.08\",", StandardCharsets.UTF_8);
        Path deadLetters = run.resolve("cwd/dead-letters.ndjson");

        CliProcess.Result result = loadInProcess(source, node.url().toString(), node.password(),
                "--ca-cert", node.caPem().toString());

        assertEquals(1, result.exitCode(), "one record dead-lettered: " + result.stderr());
        assertEquals(3, documents());
        assertTrue(Files.size(deadLetters) > 0, "the damaged file was dead-lettered");
    }

    @Test
    void aWrongPasswordEndsWithExit2AndOneLine() throws Exception {
        String wrong = node.password() + "-wrong";

        CliProcess.Result result = loadInProcess(trail.resolve("AWSLogs"), node.url().toString(), wrong,
                "--ca-cert", node.caPem().toString());

        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(List.of("load: OpenSearch at " + node.url() + ": authentication failed (HTTP 401); check "
                + "OPENSEARCH_USERNAME/OPENSEARCH_PASSWORD or --credentials-file (or the AWS credentials with --aws-sigv4)"),
                result.errorLines());
        assertFalse((result.stdout() + result.stderr()).contains(wrong), "the wrong password is not printed either");
        assertEquals(0, documents());
    }

    @Test
    void aCertificateOfAnUnknownCaIsRefused() throws Exception {
        CliProcess.Result result = loadInProcess(trail.resolve("AWSLogs"), node.url().toString(), node.password());

        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.errorLines().size(), result.stderr());
        assertTrue(result.errorLines().get(0).contains(
                "the TLS certificate could not be verified; pass the CA certificate that signed the cluster's "
                        + "certificate with --ca-cert PEM"), result.stderr());
        assertEquals(0, documents(), "nothing was sent unverified");
    }

    @Test
    void plainHttpOnTheHttpsPortIsExplained() throws Exception {
        String httpUrl = node.url().toString().replace("https://", "http://");

        CliProcess.Result result = loadInProcess(trail.resolve("AWSLogs"), httpUrl, node.password());

        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.errorLines().size(), result.stderr());
        assertTrue(result.errorLines().get(0).contains(httpUrl), result.stderr());
        assertTrue(result.errorLines().get(0).contains("the URL must start with https://"), result.stderr());
    }

    /** Not in stdout or stderr, nor in any file of the run's folders (dead letters, reports, logs). */
    private void assertPasswordNowhere(CliProcess.Result result) throws IOException {
        String password = node.password();
        assertFalse(result.stdout().contains(password), "password in stdout");
        assertFalse(result.stderr().contains(password), "password in stderr");
        try (Stream<Path> files = Files.walk(run.resolve("cwd"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(password), "password in " + file);
            }
        }
    }
}
