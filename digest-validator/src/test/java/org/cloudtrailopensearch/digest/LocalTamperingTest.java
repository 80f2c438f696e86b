package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.codec.binary.Hex;
import org.cloudtrailopensearch.generator.SigningKeys;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.junit.jupiter.api.Test;

/** Each tampering of a local trail copy is detected and reported with the exact check. */
class LocalTamperingTest extends TrailCopyTest {

    private ValidationReport validate() throws IOException {
        try (LocalTrailSource source = new LocalTrailSource(trail)) {
            return DigestValidator.builder()
                    .source(source)
                    .publicKeys(LocalPublicKeys.load(List.of(template.resolve("public-keys.json"))))
                    .threads(2)
                    .build()
                    .validate();
        }
    }

    private String key(Path file) {
        return TrailFixture.key(trail, file);
    }

    private static DigestResult digest(ValidationReport report, String key) {
        return report.chains().stream().flatMap(c -> c.digests().stream()).filter(d -> d.key().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("digest not in report: " + key));
    }

    private static LogFileResult log(ValidationReport report, String key) {
        return report.integrity().resultOf(key).orElseThrow(() -> new AssertionError("log not in report: " + key));
    }

    private static List<Check> checks(List<Failure> failures) {
        return failures.stream().map(Failure::check).toList();
    }

    @Test
    void cleanTrailValidates() throws IOException {
        ValidationReport report = validate();

        assertEquals(ValidationReport.Result.VALID, report.result(), TextReportRenderer.render(report, false));
        assertEquals(0, report.exitCode());
        assertEquals(generated.digestFiles(), report.summary().digestsValid());
        assertEquals(generated.logFiles(), report.summary().logFilesValid());
        assertEquals(generated.uncompressedLogBytes(), report.summary().uncompressedBytesHashed());
        assertEquals(0, report.summary().logFilesUnreferenced());
        Path firstLog = TrailFixture.logs(trail).get(0);
        assertEquals(IntegrityStatus.VALID, report.integrity().statusOf(firstLog.toString()));
        assertEquals(IntegrityStatus.VALID, report.integrity().statusOf("s3://bucket/prefix/" + key(firstLog)));
        assertEquals(IntegrityStatus.NOT_VALIDATED, report.integrity().statusOf("AWSLogs/999999999999/x.json.gz"));
        assertTrue(report.chains().get(0).digests().stream().anyMatch(DigestResult::chainStart));
    }

    @Test
    void byteChangedInLogFileIsAHashMismatch() throws IOException {
        Path log = TrailFixture.logs(trail).get(3);
        byte[] content = TrailFixture.gunzip(log);
        content[content.length / 2] ^= 0x01;
        Files.write(log, TrailFixture.gzip(content));

        ValidationReport report = validate();

        LogFileResult result = log(report, key(log));
        assertEquals(LogFileStatus.INVALID, result.status());
        assertEquals(IntegrityStatus.INVALID, result.integrity());
        assertEquals(List.of(Check.LOG_HASH), checks(result.failures()));
        Failure failure = result.failures().get(0);
        assertEquals(result.expectedSha256(), failure.expected());
        assertEquals(result.actualSha256(), failure.actual());
        assertTrue(!failure.expected().equals(failure.actual()));
        assertEquals(1, report.summary().logFilesInvalid());
        assertEquals(0, report.summary().digestsInvalid());
        assertEquals(1, report.exitCode());
    }

    @Test
    void deletedLogFileIsNotFound() throws IOException {
        Path log = TrailFixture.logs(trail).get(5);
        Files.delete(log);

        ValidationReport report = validate();

        LogFileResult result = log(report, key(log));
        assertEquals(LogFileStatus.NOT_FOUND, result.status());
        assertEquals(List.of(Check.LOG_NOT_FOUND), checks(result.failures()));
        assertEquals(1, report.summary().logFilesNotFound());
        assertEquals(1, report.exitCode());
    }

    @Test
    void addedLogFileIsUnreferenced() throws IOException {
        Path model = TrailFixture.logs(trail).get(6);
        String name = model.getFileName().toString();
        Path injected = model.resolveSibling(name.substring(0, name.length() - "XXXXXXXXXXXXXXXX.json.gz".length())
                + "InjectedByMallory.json.gz".substring(0, 16) + ".json.gz");
        Files.write(injected, TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));

        ValidationReport report = validate();

        LogFileResult result = log(report, key(injected));
        assertEquals(LogFileStatus.UNREFERENCED, result.status());
        assertEquals(IntegrityStatus.NOT_IN_ANY_DIGEST, report.integrity().statusOf(injected.toString()));
        assertEquals(List.of(Check.NOT_IN_ANY_DIGEST), checks(result.failures()));
        assertEquals(1, report.summary().logFilesUnreferenced());
        assertEquals(0, report.summary().logFilesInvalid());
        assertEquals(1, report.exitCode());
    }

    /**
     * Digest N altered without re-signing: N fails its signature; N+1, whose own signature verifies, signed N's
     * original hash, so the broken link is N's problem. N+1 and its genuine logs stay VALID.
     */
    @Test
    void alteredDigestIsABreakPinnedOnItAndTheNextDigestStaysValid() throws IOException {
        List<Path> digests = TrailFixture.digests(trail);
        Path changed = digests.get(2);
        ObjectNode json = TrailFixture.readDigest(changed);
        ((ObjectNode) json.get("logFiles").get(0)).put("hashValue", "0".repeat(64));
        Files.write(changed, TrailFixture.gzip(TrailFixture.JSON.writeValueAsBytes(json)));

        ValidationReport report = validate();

        assertEquals(List.of(Check.SIGNATURE, Check.SUCCESSOR_LINK), checks(digest(report, key(changed)).failures()));
        assertBreakPinnedOn(report, changed, digests.get(3), List.of("previousDigestHashValue"));
        // The intact logs named by the altered digest are not trusted: their hashes come from an unverifiable digest.
        String alteredEntry = json.get("logFiles").get(0).get("s3Object").asText();
        assertEquals(IntegrityStatus.INVALID, report.integrity().statusOf(alteredEntry));
        String namedLog = json.get("logFiles").get(1).get("s3Object").asText();
        assertEquals(IntegrityStatus.DIGEST_INVALID, report.integrity().statusOf(namedLog));
        assertEquals(1, report.exitCode());
    }

    /** Digest N altered and re-signed with a key that is not CloudTrail's: same verdict, both link fields differ. */
    @Test
    void alteredDigestResignedWithAWrongKeyIsABreakPinnedOnIt() throws IOException {
        List<Path> digests = TrailFixture.digests(trail);
        Path changed = digests.get(2);
        ObjectNode json = TrailFixture.readDigest(changed);
        ((ArrayNode) json.get("logFiles")).remove(0);
        TrailFixture.writeSignedDigest(changed, json, SigningKeys.derive(99, List.of(TrailFixture.REGION)));

        ValidationReport report = validate();

        assertEquals(List.of(Check.SIGNATURE, Check.SUCCESSOR_LINK, Check.SUCCESSOR_LINK),
                checks(digest(report, key(changed)).failures()));
        assertBreakPinnedOn(report, changed, digests.get(3),
                List.of("previousDigestHashValue", "previousDigestSignature"));
        for (JsonNode logFile : json.get("logFiles")) {
            assertEquals(IntegrityStatus.DIGEST_INVALID, report.integrity().statusOf(logFile.get("s3Object").asText()));
        }
        assertEquals(1, report.exitCode());
    }

    /**
     * Asserts the verdict for a broken link from {@code next} to {@code altered}: {@code altered} INVALID with
     * the link failures, one CHAIN_BROKEN gap naming both and covering {@code altered}'s period, {@code next}
     * VALID with all its logs VALID, and the break visible in the text and JSON reports.
     */
    private void assertBreakPinnedOn(ValidationReport report, Path altered, Path next, List<String> fields)
            throws IOException {
        DigestResult broken = digest(report, key(altered));
        DigestResult successor = digest(report, key(next));
        assertEquals(DigestStatus.INVALID, broken.status());
        List<Failure> link = broken.failures().stream().filter(f -> f.check() == Check.SUCCESSOR_LINK).toList();
        assertEquals(fields.size(), link.size());
        for (int i = 0; i < fields.size(); i++) {
            assertTrue(link.get(i).detail().contains(fields.get(i)), link.get(i).detail());
            assertTrue(link.get(i).detail().contains(successor.location()), link.get(i).detail());
            assertTrue(!link.get(i).expected().equalsIgnoreCase(link.get(i).actual()));
        }
        assertEquals(DigestStatus.VALID, successor.status(), successor.failures().toString());
        assertEquals(List.of(), successor.failures());
        for (JsonNode logFile : TrailFixture.readDigest(next).get("logFiles")) {
            assertEquals(IntegrityStatus.VALID, report.integrity().statusOf(logFile.get("s3Object").asText()));
        }
        List<Gap> gaps = report.chains().get(0).gaps();
        assertEquals(1, gaps.size(), gaps.toString());
        Gap gap = gaps.get(0);
        assertEquals(Gap.Kind.CHAIN_BROKEN, gap.kind());
        assertEquals(key(altered), gap.digestKey());
        assertEquals(key(next), gap.nextDigestKey());
        assertEquals(broken.digestStartTime(), gap.from());
        assertEquals(successor.digestStartTime(), gap.to());
        assertEquals(1, report.summary().chainBreaks());
        assertEquals(1, report.summary().digestsInvalid());
        assertEquals(generated.digestFiles() - 1, report.summary().digestsValid());

        String text = TextReportRenderer.render(report, false);
        String breakLine = text.lines().filter(l -> l.startsWith("Chain broken")).findFirst().orElseThrow(() ->
                new AssertionError(text));
        assertTrue(breakLine.contains(broken.location()) && breakLine.contains(successor.location()), breakLine);
        assertTrue(breakLine.contains("verifies on its own"), breakLine);
        JsonNode jsonGap = JsonReportRenderer.toJson(report).get("chains").get(0).get("gaps").get(0);
        assertEquals("CHAIN_BROKEN", jsonGap.get("kind").asText());
        assertEquals(key(altered), jsonGap.get("digest").asText());
        assertEquals(key(next), jsonGap.get("nextDigest").asText());
    }

    @Test
    void deletedDigestIsNotFoundWithAChainBreakAndItsLogsUnreferenced() throws IOException {
        List<Path> digests = TrailFixture.digests(trail);
        Path deleted = digests.get(2);
        JsonNode json = TrailFixture.readDigest(deleted);
        Files.delete(deleted);
        Files.delete(TrailFixture.sidecar(deleted));

        ValidationReport report = validate();

        DigestResult missing = digest(report, key(deleted));
        assertEquals(DigestStatus.NOT_FOUND, missing.status());
        assertEquals(List.of(Check.DIGEST_NOT_FOUND), checks(missing.failures()));
        List<Gap> gaps = report.chains().get(0).gaps();
        assertEquals(1, gaps.size());
        assertEquals(Gap.Kind.CHAIN_BROKEN, gaps.get(0).kind());
        assertEquals(json.get("digestStartTime").asText(), gaps.get(0).from().toString());
        assertEquals(json.get("digestEndTime").asText(), gaps.get(0).to().toString());
        String orphan = json.get("logFiles").get(0).get("s3Object").asText();
        assertEquals(IntegrityStatus.NOT_IN_ANY_DIGEST, report.integrity().statusOf(orphan));
        assertEquals(generated.digestFiles() - 1, report.summary().digestsValid());
        assertEquals(1, report.exitCode());
    }

    @Test
    void twoConsecutiveDeletedDigestsAreOneBrokenSpan() throws IOException {
        List<Path> digests = TrailFixture.digests(trail);
        JsonNode older = TrailFixture.readDigest(digests.get(1));
        JsonNode newer = TrailFixture.readDigest(digests.get(2));
        Files.delete(digests.get(1));
        Files.delete(digests.get(2));

        ValidationReport report = validate();

        Gap gap = report.chains().get(0).gaps().get(0);
        assertEquals(Gap.Kind.CHAIN_BROKEN, gap.kind());
        assertEquals(older.get("digestStartTime").asText(), gap.from().toString());
        assertEquals(newer.get("digestEndTime").asText(), gap.to().toString());
        assertEquals(2 * 4, report.summary().logFilesUnreferenced());
        assertEquals(1, report.exitCode());
    }

    @Test
    void digestSignedWithAnotherKeyFailsTheSignature() throws Exception {
        Path digest = TrailFixture.digests(trail).get(4);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(other.getPrivate());
        signer.update("anything".getBytes(StandardCharsets.UTF_8));
        Files.writeString(TrailFixture.sidecar(digest), "{\"signature\":\"" + Hex.encodeHexString(signer.sign())
                + "\",\"signature-algorithm\":\"SHA256withRSA\"}");

        ValidationReport report = validate();

        // The successor signed the original signature: the mismatch is pinned on the swapped digest, not on it.
        DigestResult swapped = digest(report, key(digest));
        assertEquals(List.of(Check.SIGNATURE, Check.SUCCESSOR_LINK), checks(swapped.failures()));
        assertTrue(swapped.failures().get(1).detail().contains("previousDigestSignature"));
        assertEquals(DigestStatus.VALID, digest(report, key(TrailFixture.digests(trail).get(5))).status());
        assertEquals(IntegrityStatus.DIGEST_INVALID, report.integrity().statusOf(
                TrailFixture.readDigest(digest).get("logFiles").get(0).get("s3Object").asText()));
    }

    @Test
    void digestWithAnUnknownKeyFingerprintReportsThePublicKey() throws IOException {
        Path digest = TrailFixture.digests(trail).get(0);
        ObjectNode json = TrailFixture.readDigest(digest);
        json.put("digestPublicKeyFingerprint", "0123456789abcdef0123456789abcdef");
        Files.write(digest, TrailFixture.gzip(TrailFixture.JSON.writeValueAsBytes(json)));

        ValidationReport report = validate();

        Failure failure = digest(report, key(digest)).failures().get(0);
        assertEquals(Check.PUBLIC_KEY, failure.check());
        assertEquals("0123456789abcdef0123456789abcdef", failure.expected());
    }

    @Test
    void missingSignatureMetadataIsReported() throws IOException {
        Path digest = TrailFixture.digests(trail).get(3);
        Files.delete(TrailFixture.sidecar(digest));

        ValidationReport report = validate();

        assertEquals(List.of(Check.SIGNATURE_METADATA), checks(digest(report, key(digest)).failures()));
        assertEquals(1, report.summary().digestsInvalid());
        assertEquals(1, report.exitCode());
    }

    @Test
    void bytesAppendedAfterTheGzipStreamAreRejected() throws IOException {
        Path log = TrailFixture.logs(trail).get(2);
        Files.write(log, TrailFixture.gzip("{\"Records\":[{\"eventName\":\"Injected\"}]}".getBytes(StandardCharsets.UTF_8)),
                StandardOpenOption.APPEND);
        Path other = TrailFixture.logs(trail).get(9);
        Files.write(other, new byte[] {'x'}, StandardOpenOption.APPEND);

        ValidationReport report = validate();

        assertEquals(List.of(Check.LOG_TRAILING_DATA), checks(log(report, key(log)).failures()));
        assertEquals(List.of(Check.LOG_TRAILING_DATA), checks(log(report, key(other)).failures()));
        assertEquals(2, report.summary().logFilesInvalid());
    }

    @Test
    void wrongPreviousDigestHashIsCaughtEvenWhenProperlySigned() throws IOException {
        Path digest = TrailFixture.digests(trail).get(4);
        ObjectNode json = TrailFixture.readDigest(digest);
        json.put("previousDigestHashValue", "f".repeat(64));
        TrailGenerator generator = TrailFixture.smallTrail();
        TrailFixture.writeSignedDigest(digest, json, generator.signingKeys());
        // Re-signing changed this digest's signature, which its successor names: re-sign the successor too.
        Path successor = TrailFixture.digests(trail).get(5);
        ObjectNode successorJson = TrailFixture.readDigest(successor);
        String newSignature = TrailFixture.JSON.readTree(Files.readString(TrailFixture.sidecar(digest)))
                .get("signature").asText();
        successorJson.put("previousDigestSignature", newSignature);
        successorJson.put("previousDigestHashValue", org.apache.commons.codec.digest.DigestUtils.sha256Hex(
                TrailFixture.gunzip(digest)));
        TrailFixture.writeSignedDigest(successor, successorJson, generator.signingKeys());

        ValidationReport report = validate();

        DigestResult result = digest(report, key(digest));
        assertEquals(List.of(Check.PREVIOUS_DIGEST_HASH), checks(result.failures()));
        assertEquals("f".repeat(64), result.failures().get(0).expected());
        assertNotNull(result.failures().get(0).actual());
        assertEquals(DigestStatus.VALID, digest(report, key(successor)).status());
        assertEquals(1, report.summary().digestsInvalid());
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        Path log = TrailFixture.logs(trail).get(7);
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length / 2));

        ValidationReport report = validate();

        assertEquals(List.of(Check.LOG_TRUNCATED), checks(log(report, key(log)).failures()));
    }

    @Test
    void digestWithInvalidJsonIsAFormatErrorAndBreaksTheChain() throws IOException {
        List<Path> digests = TrailFixture.digests(trail);
        Path broken = digests.get(3);
        Files.write(broken, TrailFixture.gzip("{\"awsAccountId\": \"111122223333\", \"logFiles\": [".getBytes(StandardCharsets.UTF_8)));

        ValidationReport report = validate();

        DigestResult result = digest(report, key(broken));
        assertEquals(DigestStatus.INVALID, result.status());
        assertEquals(List.of(Check.DIGEST_FORMAT, Check.SUCCESSOR_LINK), checks(result.failures()));
        assertTrue(result.failures().get(0).detail().startsWith("not valid JSON"));
        // The next digest's own signature verifies: it stays valid, the break is pinned on the broken digest.
        assertEquals(DigestStatus.VALID, digest(report, key(digests.get(4))).status());
        assertEquals(1, report.chains().get(0).gaps().size());
        Gap gap = report.chains().get(0).gaps().get(0);
        assertEquals(Gap.Kind.CHAIN_BROKEN, gap.kind());
        assertEquals(key(broken), gap.digestKey());
        assertEquals(key(digests.get(4)), gap.nextDigestKey());
        // The chain continues with the next older digest, which stays valid.
        assertEquals(DigestStatus.VALID, digest(report, key(digests.get(2))).status());
    }

    @Test
    void digestMovedToAnotherKeyFailsTheLocationCheck() throws IOException {
        Path digest = TrailFixture.digests(trail).get(1);
        ObjectNode json = TrailFixture.readDigest(digest);
        json.put("digestS3Object", json.get("digestS3Object").asText().replace("111122223333_CloudTrail-Digest",
                "111122223333_CloudTrail-Digest-moved"));
        TrailFixture.writeSignedDigest(digest, json, TrailFixture.smallTrail().signingKeys());

        ValidationReport report = validate();

        assertTrue(checks(digest(report, key(digest)).failures()).contains(Check.DIGEST_LOCATION));
    }

    @Test
    void backfillDigestCoversALateLogFileAndNeedsItsMetadata() throws IOException {
        Path model = TrailFixture.logs(trail).get(10);
        String name = model.getFileName().toString();
        Path late = model.resolveSibling(name.replaceAll("_[A-Za-z0-9]{16}\\.json\\.gz$", "_LateDeliveryAAAA.json.gz"));
        byte[] content = "{\"Records\":[{\"eventName\":\"LateEvent\"}]}".getBytes(StandardCharsets.UTF_8);
        Files.write(late, TrailFixture.gzip(content));
        Path original = TrailFixture.digests(trail).get(2);
        Path backfill = original.resolveSibling(original.getFileName().toString().replace(".json.gz", "_backfill.json.gz"));
        ObjectNode json = TrailFixture.readDigest(original);
        json.put("digestS3Object", json.get("digestS3Object").asText().replace(".json.gz", "_backfill.json.gz"));
        json.putArray("logFiles").addObject()
                .put("s3Bucket", json.get("digestS3Bucket").asText())
                .put("s3Object", key(late))
                .put("hashValue", org.apache.commons.codec.digest.DigestUtils.sha256Hex(content))
                .put("hashAlgorithm", "SHA-256");
        TrailFixture.writeSignedDigest(backfill, json, TrailFixture.smallTrail().signingKeys(),
                ",\"backfill-generation-timestamp\":\"2026-01-05T12:00:00Z\"");

        ValidationReport report = validate();

        assertEquals(ValidationReport.Result.VALID, report.result(), TextReportRenderer.render(report, false));
        assertEquals(1, report.summary().backfillDigestsValid());
        assertEquals(IntegrityStatus.VALID, report.integrity().statusOf(key(late)));

        TrailFixture.writeSignedDigest(backfill, json, TrailFixture.smallTrail().signingKeys());
        ValidationReport withoutMetadata = validate();
        DigestResult result = digest(withoutMetadata, key(backfill));
        assertTrue(result.backfill());
        assertEquals(List.of(Check.BACKFILL_METADATA), checks(result.failures()));
        assertEquals(IntegrityStatus.DIGEST_INVALID, withoutMetadata.integrity().statusOf(key(late)));
        assertEquals(1, withoutMetadata.exitCode());
    }
}
