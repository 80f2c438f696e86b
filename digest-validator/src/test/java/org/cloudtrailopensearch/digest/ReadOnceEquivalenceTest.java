package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.cloudtrailopensearch.generator.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Read once: chain-only validation plus {@code judge(key, LogFileHash.of(bytes))} gives every log file the verdict
 * full validation gives it, on a generated trail with each tampering the validator knows.
 */
class ReadOnceEquivalenceTest extends TrailCopyTest {

    @FunctionalInterface
    interface Tampering {
        void apply(Path trail) throws Exception;
    }

    /**
     * @param tampering what is done to the trail copy
     * @param options   validator options both runs share (filters)
     * @param seen      verdicts the scenario must produce for at least one file, so it cannot pass vacuously
     */
    record Scenario(String name, Tampering tampering, UnaryOperator<DigestValidator.Builder> options,
                    Set<IntegrityStatus> seen) {
        Scenario(String name, Tampering tampering, IntegrityStatus... seen) {
            this(name, tampering, UnaryOperator.identity(), Set.copyOf(Arrays.asList(seen)));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("clean trail", trail -> { }, IntegrityStatus.VALID),
                new Scenario("byte changed in a log", trail -> {
                    Path log = TrailFixture.logs(trail).get(3);
                    byte[] content = TrailFixture.gunzip(log);
                    content[content.length / 2] ^= 0x01;
                    Files.write(log, TrailFixture.gzip(content));
                }, IntegrityStatus.INVALID, IntegrityStatus.VALID),
                new Scenario("log replaced by another valid log", trail -> Files.write(TrailFixture.logs(trail).get(1),
                        TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))), IntegrityStatus.INVALID),
                new Scenario("log deleted", trail -> Files.delete(TrailFixture.logs(trail).get(5)), IntegrityStatus.VALID),
                new Scenario("log injected", trail -> Files.write(injectedNextTo(TrailFixture.logs(trail).get(6)),
                        TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))),
                        IntegrityStatus.NOT_IN_ANY_DIGEST, IntegrityStatus.VALID),
                new Scenario("log injected in a day folder outside the covered period", trail -> {
                    Path model = TrailFixture.logs(trail).get(0);
                    Path farAway = trail.resolve(TrailFixture.key(trail, model).replaceAll("/\\d{4}/\\d{2}/\\d{2}/.*$",
                            "/2031/01/01/111122223333_CloudTrail_us-east-1_20310101T0000Z_FarAwayFarAway00.json.gz"));
                    Files.createDirectories(farAway.getParent());
                    Files.write(farAway, TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));
                }, IntegrityStatus.NOT_VALIDATED),
                new Scenario("log injected, unreferenced files not searched", trail -> Files.write(
                        injectedNextTo(TrailFixture.logs(trail).get(6)),
                        TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8))),
                        builder -> builder.findUnreferenced(false), Set.of(IntegrityStatus.NOT_VALIDATED)),
                new Scenario("gzip member appended to a log, a byte to another", trail -> {
                    Files.write(TrailFixture.logs(trail).get(2), TrailFixture.gzip(
                            "{\"Records\":[{\"eventName\":\"Injected\"}]}".getBytes(StandardCharsets.UTF_8)),
                            StandardOpenOption.APPEND);
                    Files.write(TrailFixture.logs(trail).get(9), new byte[] {'x'}, StandardOpenOption.APPEND);
                }, IntegrityStatus.INVALID),
                new Scenario("log truncated", trail -> {
                    Path log = TrailFixture.logs(trail).get(7);
                    byte[] bytes = Files.readAllBytes(log);
                    Files.write(log, Arrays.copyOf(bytes, bytes.length / 2));
                }, IntegrityStatus.INVALID),
                new Scenario("log replaced by plain text", trail -> Files.write(TrailFixture.logs(trail).get(4),
                        TrailFixture.gunzip(TrailFixture.logs(trail).get(4))), IntegrityStatus.INVALID),
                new Scenario("log emptied", trail -> Files.write(TrailFixture.logs(trail).get(8), new byte[0]),
                        IntegrityStatus.INVALID),
                new Scenario("digest altered, not re-signed", trail -> {
                    Path changed = TrailFixture.digests(trail).get(2);
                    ObjectNode json = TrailFixture.readDigest(changed);
                    ((ObjectNode) json.get("logFiles").get(0)).put("hashValue", "0".repeat(64));
                    Files.write(changed, TrailFixture.gzip(TrailFixture.JSON.writeValueAsBytes(json)));
                }, IntegrityStatus.INVALID, IntegrityStatus.DIGEST_INVALID, IntegrityStatus.VALID),
                new Scenario("digest altered, re-signed with a wrong key", trail -> {
                    Path changed = TrailFixture.digests(trail).get(2);
                    ObjectNode json = TrailFixture.readDigest(changed);
                    ((ArrayNode) json.get("logFiles")).remove(0);
                    TrailFixture.writeSignedDigest(changed, json, SigningKeys.derive(99, List.of(TrailFixture.REGION)));
                }, IntegrityStatus.DIGEST_INVALID, IntegrityStatus.NOT_IN_ANY_DIGEST),
                new Scenario("digest deleted", trail -> {
                    Path deleted = TrailFixture.digests(trail).get(2);
                    Files.delete(deleted);
                    Files.delete(TrailFixture.sidecar(deleted));
                }, IntegrityStatus.NOT_IN_ANY_DIGEST, IntegrityStatus.VALID),
                new Scenario("two consecutive digests deleted", trail -> {
                    Files.delete(TrailFixture.digests(trail).get(1));
                    Files.delete(TrailFixture.digests(trail).get(1));
                }, IntegrityStatus.NOT_IN_ANY_DIGEST),
                new Scenario("newest digest deleted", trail -> {
                    List<Path> digests = TrailFixture.digests(trail);
                    Files.delete(digests.get(digests.size() - 1));
                }, IntegrityStatus.VALID),
                new Scenario("digest signature swapped", trail -> {
                    Path digest = TrailFixture.digests(trail).get(4);
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    Signature signer = Signature.getInstance("SHA256withRSA");
                    signer.initSign(generator.generateKeyPair().getPrivate());
                    signer.update("anything".getBytes(StandardCharsets.UTF_8));
                    Files.writeString(TrailFixture.sidecar(digest), "{\"signature\":\"" + Hex.encodeHexString(signer.sign())
                            + "\",\"signature-algorithm\":\"SHA256withRSA\"}");
                }, IntegrityStatus.DIGEST_INVALID, IntegrityStatus.VALID),
                new Scenario("digest with an unknown key fingerprint", trail -> {
                    Path digest = TrailFixture.digests(trail).get(0);
                    ObjectNode json = TrailFixture.readDigest(digest);
                    json.put("digestPublicKeyFingerprint", "0123456789abcdef0123456789abcdef");
                    Files.write(digest, TrailFixture.gzip(TrailFixture.JSON.writeValueAsBytes(json)));
                }, IntegrityStatus.DIGEST_INVALID),
                new Scenario("digest signature metadata deleted", trail ->
                        Files.delete(TrailFixture.sidecar(TrailFixture.digests(trail).get(3))),
                        IntegrityStatus.DIGEST_INVALID, IntegrityStatus.VALID),
                new Scenario("wrong previousDigestHashValue properly signed", trail -> {
                    SigningKeys keys = TrailFixture.smallTrail().signingKeys();
                    Path digest = TrailFixture.digests(trail).get(4);
                    ObjectNode json = TrailFixture.readDigest(digest);
                    json.put("previousDigestHashValue", "f".repeat(64));
                    TrailFixture.writeSignedDigest(digest, json, keys);
                    Path successor = TrailFixture.digests(trail).get(5);
                    ObjectNode successorJson = TrailFixture.readDigest(successor);
                    successorJson.put("previousDigestSignature", TrailFixture.JSON.readTree(
                            Files.readString(TrailFixture.sidecar(digest))).get("signature").asText());
                    successorJson.put("previousDigestHashValue", DigestUtils.sha256Hex(TrailFixture.gunzip(digest)));
                    TrailFixture.writeSignedDigest(successor, successorJson, keys);
                }, IntegrityStatus.DIGEST_INVALID, IntegrityStatus.VALID),
                new Scenario("digest with invalid JSON", trail -> Files.write(TrailFixture.digests(trail).get(3),
                        TrailFixture.gzip("{\"awsAccountId\": \"111122223333\", \"logFiles\": [".getBytes(StandardCharsets.UTF_8))),
                        IntegrityStatus.NOT_IN_ANY_DIGEST, IntegrityStatus.VALID),
                new Scenario("digest moved", trail -> {
                    Path digest = TrailFixture.digests(trail).get(1);
                    ObjectNode json = TrailFixture.readDigest(digest);
                    json.put("digestS3Object", json.get("digestS3Object").asText().replace(
                            "111122223333_CloudTrail-Digest", "111122223333_CloudTrail-Digest-moved"));
                    TrailFixture.writeSignedDigest(digest, json, TrailFixture.smallTrail().signingKeys());
                }, IntegrityStatus.DIGEST_INVALID),
                new Scenario("digest names an unsupported hash algorithm and no hash", trail -> {
                    Path digest = TrailFixture.digests(trail).get(5);
                    ObjectNode json = TrailFixture.readDigest(digest);
                    ((ObjectNode) json.get("logFiles").get(0)).put("hashAlgorithm", "MD5");
                    ((ObjectNode) json.get("logFiles").get(1)).remove("hashValue");
                    TrailFixture.writeSignedDigest(digest, json, TrailFixture.smallTrail().signingKeys());
                }, IntegrityStatus.INVALID),
                new Scenario("backfill digest for a late log", trail -> addBackfill(trail, true), IntegrityStatus.VALID),
                new Scenario("backfill digest without its metadata", trail -> addBackfill(trail, false),
                        IntegrityStatus.DIGEST_INVALID),
                new Scenario("time range: second half only", trail -> { },
                        builder -> builder.startTime(generated.start().plusSeconds(3 * 3600)),
                        Set.of(IntegrityStatus.VALID, IntegrityStatus.NOT_VALIDATED)),
                new Scenario("region filter matching nothing", trail -> { },
                        builder -> builder.regions(List.of("eu-west-1")), Set.of(IntegrityStatus.NOT_VALIDATED)));
    }

    private static Path injectedNextTo(Path model) {
        return model.resolveSibling(model.getFileName().toString()
                .replaceAll("_[A-Za-z0-9]{16}\\.json\\.gz$", "_InjectedByMallor.json.gz"));
    }

    private static void addBackfill(Path trail, boolean withMetadata) throws IOException {
        Path model = TrailFixture.logs(trail).get(10);
        Path late = model.resolveSibling(model.getFileName().toString()
                .replaceAll("_[A-Za-z0-9]{16}\\.json\\.gz$", "_LateDeliveryAAAA.json.gz"));
        byte[] content = "{\"Records\":[{\"eventName\":\"LateEvent\"}]}".getBytes(StandardCharsets.UTF_8);
        Files.write(late, TrailFixture.gzip(content));
        Path original = TrailFixture.digests(trail).get(2);
        Path backfill = original.resolveSibling(original.getFileName().toString().replace(".json.gz", "_backfill.json.gz"));
        ObjectNode json = TrailFixture.readDigest(original);
        json.put("digestS3Object", json.get("digestS3Object").asText().replace(".json.gz", "_backfill.json.gz"));
        json.putArray("logFiles").addObject()
                .put("s3Bucket", json.get("digestS3Bucket").asText())
                .put("s3Object", TrailFixture.key(trail, late))
                .put("hashValue", DigestUtils.sha256Hex(content))
                .put("hashAlgorithm", "SHA-256");
        TrailFixture.writeSignedDigest(backfill, json, TrailFixture.smallTrail().signingKeys(),
                withMetadata ? ",\"backfill-generation-timestamp\":\"2026-01-05T12:00:00Z\"" : "");
    }

    private ValidationReport validate(boolean hashLogFiles, UnaryOperator<DigestValidator.Builder> options)
            throws IOException {
        try (LocalTrailSource source = new LocalTrailSource(trail)) {
            return options.apply(DigestValidator.builder()
                            .source(source)
                            .publicKeys(LocalPublicKeys.load(List.of(template.resolve("public-keys.json"))))
                            .threads(2)
                            .hashLogFiles(hashLogFiles))
                    .build()
                    .validate();
        }
    }

    /** Every object below a {@code CloudTrail} folder: the files a loader would read. */
    private List<Path> logObjects() throws IOException {
        try (Stream<Path> walk = Files.walk(trail.resolve("AWSLogs"))) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().contains("/CloudTrail/")).sorted().toList();
        }
    }

    private static LogFileHash hash(Path file) throws IOException {
        try (InputStream stored = Files.newInputStream(file)) {
            return LogFileHash.of(stored);
        }
    }

    /** As a loader does: a gunzipping reader pulls the object through the hashing stream, then the rest is hashed. */
    private static LogFileHash hashWhileReading(Path file) throws IOException {
        try (LogFileHash.HashingInputStream hashing = LogFileHash.hashing(Files.newInputStream(file))) {
            try {
                java.util.zip.GZIPInputStream reader = new java.util.zip.GZIPInputStream(hashing);
                reader.readNBytes(100_000);
            } catch (IOException e) {
                // the reader's own view of damaged data; the hash decides the verdict
            }
            return hashing.finish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void chainOnlyPlusHashGivesTheFullValidationVerdict(Scenario scenario) throws Exception {
        scenario.tampering().apply(trail);

        ValidationReport full = validate(true, scenario.options());
        ValidationReport chainOnly = validate(false, scenario.options());

        assertEquals(full.chains(), chainOnly.chains(), "the digests are judged alike");
        Map<String, String> differences = new LinkedHashMap<>();
        Set<IntegrityStatus> seen = EnumSet.noneOf(IntegrityStatus.class);
        List<Path> objects = logObjects();
        for (Path object : objects) {
            String key = TrailFixture.key(trail, object);
            IntegrityStatus expected = full.integrity().statusOf(key);
            IntegrityStatus judged = chainOnly.expectations().judge(key, hash(object));
            assertEquals(hash(object), hashWhileReading(object), "hashed while a reader reads it: " + key);
            seen.add(expected);
            if (expected != judged) {
                differences.put(key, "full " + expected + ", read once " + judged);
            }
            // Full validation's own expectations agree too, and lookups by path or URI are the same.
            assertEquals(expected, full.expectations().judge(object.toString(), hash(object)), key);
            assertEquals(judged, chainOnly.expectations().judge("s3://bucket/any/prefix/" + key, hash(object)), key);
        }
        assertEquals(Map.of(), differences, scenario.name() + "\n" + TextReportRenderer.render(full, false));
        assertTrue(seen.containsAll(scenario.seen()), "expected to see " + scenario.seen() + ", saw " + seen);
        assertTrue(objects.size() >= generated.logFiles() - 2);
        for (LogFileResult named : full.logFiles()) {
            if (named.status() != LogFileStatus.UNREFERENCED) {
                assertEquals(java.util.Optional.ofNullable(named.expectedSha256()),
                        chainOnly.expectations().expectedSha256(named.key()), named.key());
            }
        }
    }

    /** The verdict belongs to the bytes read: a file changed after chain-only validation is judged by its new bytes. */
    @Test
    void logChangedAfterChainOnlyValidationIsJudgedInvalid() throws IOException {
        ValidationReport chainOnly = validate(false, UnaryOperator.identity());
        List<Path> logs = TrailFixture.logs(trail);
        Path altered = logs.get(3);
        Path appended = logs.get(4);
        Path untouched = logs.get(5);
        Path injected = injectedNextTo(logs.get(6));
        String alteredKey = TrailFixture.key(trail, altered);
        assertEquals(IntegrityStatus.VALID, chainOnly.expectations().judge(alteredKey, hash(altered)));

        byte[] content = TrailFixture.gunzip(altered);
        content[content.length / 3] ^= 0x20;
        Files.write(altered, TrailFixture.gzip(content));
        Files.write(appended, TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)),
                StandardOpenOption.APPEND);
        Files.write(injected, TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));

        LogFileExpectations expectations = chainOnly.expectations();
        assertEquals(IntegrityStatus.INVALID, expectations.judge(alteredKey, hash(altered)));
        assertEquals(IntegrityStatus.INVALID, expectations.judge(appended.toString(), hash(appended)));
        assertEquals(IntegrityStatus.VALID, expectations.judge(untouched.toString(), hash(untouched)));
        assertEquals(IntegrityStatus.NOT_IN_ANY_DIGEST, expectations.judge(injected.toString(), hash(injected)),
                "a file that appeared after the listing, inside the covered period");
        assertEquals(IntegrityStatus.NOT_VALIDATED, expectations.judge("AWSLogs/999999999999/CloudTrail/us-east-1/x.json.gz",
                hash(untouched)));
        assertEquals(IntegrityStatus.NOT_VALIDATED, expectations.judge("not/a/trail/key.json.gz", hash(untouched)));

        ValidationReport fullAfterwards = validate(true, UnaryOperator.identity());
        for (Path file : List.of(altered, appended, untouched, injected)) {
            assertEquals(fullAfterwards.integrity().statusOf(file.toString()), expectations.judge(file.toString(), hash(file)),
                    file.toString());
        }
    }

    @Test
    void expectedHashIsTheDigestsHashValue() throws IOException {
        ValidationReport chainOnly = validate(false, UnaryOperator.identity());
        Path log = TrailFixture.logs(trail).get(0);

        assertEquals(DigestUtils.sha256Hex(TrailFixture.gunzip(log)),
                chainOnly.expectations().expectedSha256(log.toString()).orElseThrow());
        assertTrue(chainOnly.expectations().expectedSha256("AWSLogs/999999999999/x.json.gz").isEmpty());
        assertEquals(generated.logFiles(), chainOnly.expectations().namedCount());
        assertTrue(Instant.now().isAfter(chainOnly.validatedAt()));
    }
}
