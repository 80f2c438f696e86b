package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cloudtrailopensearch.it.support.S3BucketExtension;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code generate} and {@code validate} from the command line against an S3 API server: a generated trail
 * in a bucket validates (exit 0); after one log object is overwritten, validation names it (exit 1).
 */
class S3TrailCliTest {

    private static final String BUCKET = "trail-cli";
    @RegisterExtension
    static final S3BucketExtension s3 = new S3BucketExtension(BUCKET);

    @TempDir
    Path work;

    @Test
    void aGeneratedTrailInS3ValidatesAndATamperedObjectIsNamed() throws Exception {
        String endpoint = s3.endpoint().toString();
        assertEquals(0, Main.run("generate", "--out", "s3://" + BUCKET + "/org/", "--hours", "3", "--accounts", "1",
                "--seed", "5", "--endpoint-url", endpoint, "--bucket-region", "us-east-1"));
        Path keys = work.resolve("public-keys.json");
        String tampered;
        try (S3Client client = s3.client()) {
            Files.write(keys, client.getObjectAsBytes(g -> g.bucket(BUCKET).key("org/public-keys.json")).asByteArray());
            tampered = client.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix("org/AWSLogs/")).contents().stream()
                    .map(S3Object::key).filter(k -> k.contains("/CloudTrail/") && k.endsWith(".json.gz"))
                    .findFirst().orElseThrow();
        }

        Run clean = validate(endpoint, keys);
        assertEquals(0, clean.exit, clean.output);

        try (S3Client client = s3.client()) {
            client.putObject(p -> p.bucket(BUCKET).key(tampered),
                    RequestBody.fromBytes(org.cloudtrailopensearch.it.support.Samples.gzip(
                            org.cloudtrailopensearch.it.support.Samples.bytes("three-records.json"))));
        }
        Run afterTampering = validate(endpoint, keys);
        assertEquals(1, afterTampering.exit, afterTampering.output);
        String fileName = tampered.substring(tampered.lastIndexOf('/') + 1);
        assertTrue(afterTampering.output.contains(fileName), afterTampering.output);
        assertTrue(afterTampering.output.contains("\"LOG_HASH\""), afterTampering.output);
    }

    private static Run validate(String endpoint, Path keys) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run("validate", "s3://" + BUCKET + "/org/", "--public-keys", keys.toString(),
                    "--output", "json", "--endpoint-url", endpoint, "--bucket-region", "us-east-1");
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    private record Run(int exit, String output) {
    }
}
