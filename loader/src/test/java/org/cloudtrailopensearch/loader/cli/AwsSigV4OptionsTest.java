package org.cloudtrailopensearch.loader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cloudtrailopensearch.loader.support.FakeHttpServer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Answer;
import org.cloudtrailopensearch.loader.support.SigV4Check;
import org.cloudtrailopensearch.loader.support.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --aws-sigv4}, {@code --aws-service}, {@code --aws-region} through the CLI, in process. */
class AwsSigV4OptionsTest {

    private static final String ACCESS_KEY = "AKIDCLIOPTIONSTEST";
    private static final String SECRET_KEY = "cli/Secret+Never/Printed-0123456789abcd";

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static Path source;

    @BeforeAll
    static void files() throws Exception {
        certificates = TestCertificates.create(dir, "aws-cli");
        source = Files.writeString(dir.resolve("empty-trail.json"), "{\"Records\":[]}");
    }

    @AfterEach
    void clearProperties() {
        for (String property : new String[] {"aws.accessKeyId", "aws.secretAccessKey", "aws.disableEc2Metadata",
            "aws.sharedCredentialsFile", "aws.configFile"}) {
            System.clearProperty(property);
        }
    }


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private CliRun load(FakeHttpServer server, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("load", source.toString(),
                "--opensearch-url", server.url().toString(), "--ca-cert", certificates.caPem().toString(),
                "--no-setup", "--dead-letter", dir.resolve("dead.ndjson").toString(), "--aws-sigv4"));
        args.addAll(java.util.List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void loadSignsForTheServiceAndRegionGiven() throws Exception {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        try (FakeHttpServer server = FakeHttpServer.https(certificates.serverContext(), request -> Answer.json(200, "{}"))) {
            CliRun run = load(server, "--aws-service", "aoss", "--aws-region", "ap-southeast-2");

            assertEquals(0, run.exitCode(), run.stderr());
            FakeHttpServer.Request probe = server.requests().get(0);
            SigV4Check.Signature signature = SigV4Check.parse(probe.header("authorization"));
            assertEquals(ACCESS_KEY, signature.accessKey());
            assertEquals("aoss", signature.service());
            assertEquals("ap-southeast-2", signature.region());
            assertEquals(SigV4Check.expectedSignature(probe, SECRET_KEY), signature.signature());
            assertFalse((run.stdout() + run.stderr()).contains(SECRET_KEY), "the secret key is never printed");
        }
    }

    @Test
    void aProcessTakesKeysAndRegionFromTheEnvironment() throws Exception {
        try (FakeHttpServer server = FakeHttpServer.https(certificates.serverContext(), request -> Answer.json(200, "{}"))) {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    Main.class.getName(), "load", source.toString(), "--opensearch-url", server.url().toString(),
                    "--ca-cert", certificates.caPem().toString(), "--no-setup",
                    "--dead-letter", dir.resolve("process-dead.ndjson").toString(), "--aws-sigv4"));
            Path output = dir.resolve("process-output.txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("OPENSEARCH_"));
            builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                    "AWS_REGION", "sa-east-1", "AWS_EC2_METADATA_DISABLED", "true"));
            Process process = builder.start();
            assertTrue(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), "the CLI ended");
            String printed = Files.readString(output);

            assertEquals(0, process.exitValue(), printed);
            FakeHttpServer.Request probe = server.requests().get(0);
            SigV4Check.Signature signature = SigV4Check.parse(probe.header("authorization"));
            assertEquals(ACCESS_KEY, signature.accessKey());
            assertEquals("es", signature.service(), "es is the default service");
            assertEquals("sa-east-1", signature.region(), "the region from the default chain (AWS_REGION)");
            assertEquals(SigV4Check.expectedSignature(probe, SECRET_KEY), signature.signature());
            assertFalse(printed.contains(SECRET_KEY), "the secret key is never printed");
        }
    }

    @Test
    void withoutAwsCredentialsTheLoadStopsWithOneLine() throws Exception {
        System.setProperty("aws.disableEc2Metadata", "true");
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        System.setProperty("aws.configFile", dir.resolve("no-config").toString());
        try (FakeHttpServer server = FakeHttpServer.https(certificates.serverContext(), request -> Answer.json(200, "{}"))) {
            CliRun run = load(server, "--aws-region", "eu-west-1");

            assertEquals(2, run.exitCode(), run.stderr());
            assertEquals(1, run.stderr().lines().count(), run.stderr());
            assertTrue(run.stderr().contains("no AWS credentials found"), run.stderr());
            assertTrue(server.requests().isEmpty(), "nothing unsigned was sent");
        }
    }

    @Test
    void refusesOptionsThatCannotWorkTogether() {
        Map<String, String[]> cases = Map.of(
                "only apply with --aws-sigv4", new String[] {"setup", "--aws-region", "eu-west-1"},
                "needs an https://", new String[] {"setup", "--aws-sigv4", "--aws-region", "eu-west-1",
                    "--opensearch-url", "http://127.0.0.1:9200"},
                "must be es (OpenSearch Service) or aoss", new String[] {"setup", "--aws-sigv4", "--aws-service", "s3",
                    "--aws-region", "eu-west-1", "--opensearch-url", "https://127.0.0.1:9200"});
        cases.forEach((expected, args) -> {
            CliRun run = run(args);
            assertEquals(2, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains(expected), run.stderr());
            assertFalse(run.stderr().contains("\tat "), run.stderr());
        });
    }
}
