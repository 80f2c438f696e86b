package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 path against a real S3 API (S3Proxy, in-memory backend): metadata signatures, prefix, tampering. */
class S3ValidationTest {

    private static final String BUCKET = "audit-trail-bucket";
    private static final String PREFIX = "org/cloudtrail/";

    @RegisterExtension
    final S3ProxyExtension s3Proxy = S3ProxyExtension.builder()
            .withBlobStoreProvider("transient-nio2")
            .withCredentials("access", "secret")
            .build();

    @TempDir
    Path keysFolder;

    private S3Client s3;
    private GenerationSummary generated;

    @BeforeEach
    void writeTrail() throws IOException {
        s3 = S3Client.builder()
                .endpointOverride(s3Proxy.getUri())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3Proxy.getAccessKey(), s3Proxy.getSecretKey())))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        TrailGenerator generator = TrailFixture.smallTrail();
        generated = generator.writeTo(s3, BUCKET, PREFIX);
        Files.write(keysFolder.resolve("public-keys.json"), s3.getObjectAsBytes(
                GetObjectRequest.builder().bucket(BUCKET).key(PREFIX + "public-keys.json").build()).asByteArray());
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    private ValidationReport validate() throws IOException {
        return DigestValidator.builder()
                .source(new S3TrailSource(s3, BUCKET, PREFIX))
                .publicKeys(LocalPublicKeys.load(List.of(keysFolder.resolve("public-keys.json"))))
                .threads(4)
                .build()
                .validate();
    }

    private List<String> keys(String folder) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(PREFIX)).contents().stream()
                .map(S3Object::key).filter(k -> k.contains("/" + folder + "/")).sorted().toList();
    }

    private static List<Check> checks(List<Failure> failures) {
        return failures.stream().map(Failure::check).toList();
    }

    @Test
    void cleanTrailInS3Validates() throws IOException {
        ValidationReport report = validate();

        assertEquals(ValidationReport.Result.VALID, report.result(), TextReportRenderer.render(report, false));
        assertEquals(generated.digestFiles(), report.summary().digestsValid());
        assertEquals(generated.logFiles(), report.summary().logFilesValid());
        String firstLog = keys("CloudTrail").get(0);
        assertEquals(IntegrityStatus.VALID, report.integrity().statusOf("s3://" + BUCKET + "/" + firstLog));
    }

    @Test
    void tamperingInS3IsReportedPrecisely() throws IOException {
        List<String> digests = keys("CloudTrail-Digest");
        List<String> logs = keys("CloudTrail");
        // Signature metadata stripped: re-upload the same bytes without user metadata.
        String stripped = digests.get(2);
        byte[] digestBytes = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(stripped)).asByteArray();
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(stripped).build(), RequestBody.fromBytes(digestBytes));
        // A log replaced by a different (valid gzip) log.
        String replaced = logs.get(1);
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(replaced).metadata(Map.of()).build(),
                RequestBody.fromBytes(TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));
        // A log injected that no digest names.
        String injected = logs.get(6).replaceAll("_[A-Za-z0-9]{16}\\.json\\.gz$", "_AAAAAAAAAAAAAAAA.json.gz");
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(injected).build(),
                RequestBody.fromBytes(TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));
        // A log deleted.
        String deleted = logs.get(9);
        s3.deleteObject(b -> b.bucket(BUCKET).key(deleted));

        ValidationReport report = validate();

        DigestResult strippedResult = report.chains().get(0).digests().stream()
                .filter(d -> (PREFIX + d.key()).equals(stripped)).findFirst().orElseThrow();
        assertEquals(List.of(Check.SIGNATURE_METADATA), checks(strippedResult.failures()));
        assertEquals(List.of(Check.LOG_HASH), checks(report.integrity().resultOf(replaced).orElseThrow().failures()));
        assertEquals(IntegrityStatus.NOT_IN_ANY_DIGEST, report.integrity().statusOf(injected));
        assertEquals(IntegrityStatus.NOT_FOUND, report.integrity().statusOf(deleted));
        assertEquals(1, report.summary().digestsInvalid());
        assertEquals(1, report.summary().logFilesInvalid());
        assertEquals(1, report.summary().logFilesUnreferenced());
        assertEquals(1, report.summary().logFilesNotFound());
        assertEquals(1, report.exitCode());
    }

    /** Read once on S3: chain-only validation + the hash of each object as read gives the full verdict. */
    @Test
    void chainOnlyInS3JudgesEachObjectAsFullValidationDoes() throws IOException {
        List<String> logs = keys("CloudTrail");
        String replaced = logs.get(1);
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(replaced).build(),
                RequestBody.fromBytes(TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));
        String injected = logs.get(6).replaceAll("_[A-Za-z0-9]{16}\\.json\\.gz$", "_AAAAAAAAAAAAAAAA.json.gz");
        s3.putObject(PutObjectRequest.builder().bucket(BUCKET).key(injected).build(),
                RequestBody.fromBytes(TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))));

        ValidationReport full = validate();
        ValidationReport chainOnly = DigestValidator.builder()
                .source(new S3TrailSource(s3, BUCKET, PREFIX))
                .publicKeys(LocalPublicKeys.load(List.of(keysFolder.resolve("public-keys.json"))))
                .hashLogFiles(false)
                .build()
                .validate();

        assertEquals(generated.logFiles(), chainOnly.summary().logFilesNotChecked());
        List<IntegrityStatus> judged = new java.util.ArrayList<>();
        for (String key : keys("CloudTrail")) {
            String uri = "s3://" + BUCKET + "/" + key;
            LogFileHash hash;
            try (var stored = s3.getObject(b -> b.bucket(BUCKET).key(key))) {
                hash = LogFileHash.of(stored);
            }
            IntegrityStatus status = chainOnly.expectations().judge(uri, hash);
            assertEquals(full.integrity().statusOf(uri), status, uri);
            judged.add(status);
        }
        assertEquals(IntegrityStatus.INVALID, judged.get(logs.indexOf(replaced)));
        assertEquals(generated.logFiles() - 1, judged.stream().filter(s -> s == IntegrityStatus.VALID).count());
        assertEquals(1, judged.stream().filter(s -> s == IntegrityStatus.NOT_IN_ANY_DIGEST).count());
    }

    @Test
    void deletedDigestInS3IsNotFoundAndBreaksTheChain() throws IOException {
        String deleted = keys("CloudTrail-Digest").get(3);
        s3.deleteObject(b -> b.bucket(BUCKET).key(deleted));

        ValidationReport report = validate();

        DigestResult missing = report.chains().get(0).digests().stream()
                .filter(d -> (PREFIX + d.key()).equals(deleted)).findFirst().orElseThrow();
        assertEquals(DigestStatus.NOT_FOUND, missing.status());
        assertEquals("s3://" + BUCKET + "/" + deleted, missing.location());
        assertEquals(Gap.Kind.CHAIN_BROKEN, report.chains().get(0).gaps().get(0).kind());
    }
}
