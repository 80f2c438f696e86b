package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.SigningKeys;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Organisation trails, multiple regions and accounts, logging pauses, empty hours, filters and key formats. */
class TrailShapesTest {

    @TempDir
    Path trail;

    private static ValidationReport validate(Path trail, DigestValidator.Builder builder) throws IOException {
        try (LocalTrailSource source = new LocalTrailSource(trail)) {
            return builder.source(source).build().validate();
        }
    }

    private static DigestValidator.Builder withKeys(Path trail) throws IOException {
        return DigestValidator.builder().publicKeys(LocalPublicKeys.load(List.of(trail.resolve("public-keys.json"))));
    }

    @Test
    void organisationTrailWithPauseAndEmptyHoursValidatesWithRestartsReported() throws IOException {
        GenerationSummary generated = TrailGenerator.builder()
                .accounts(2).regions(List.of("us-east-1", "eu-central-1")).hours(8).eventsPerHour(20)
                .logFilesPerHour(3).emptyHourPercent(40).organizationId("o-abcdef1234").loggingPause(3, 2).seed(11)
                .build().writeTo(trail);
        assertTrue(Files.isDirectory(trail.resolve("AWSLogs/o-abcdef1234")));

        ValidationReport report = validate(trail, withKeys(trail));

        assertEquals(ValidationReport.Result.VALID, report.result(), TextReportRenderer.render(report, false));
        assertEquals(4, report.summary().chains());
        assertEquals(4, report.summary().chainRestarts());
        assertEquals(0, report.summary().chainBreaks());
        assertEquals(generated.emptyDigestFiles(), report.summary().emptyDigests());
        assertTrue(generated.emptyDigestFiles() > 0);
        assertEquals(generated.digestFiles(), report.summary().digestsValid());
        assertTrue(report.chains().stream().allMatch(c -> "o-abcdef1234".equals(c.chain().organizationId())));
    }

    @Test
    void filtersSelectAccountRegionAndTimeRange() throws IOException {
        GenerationSummary generated = TrailGenerator.builder()
                .accounts(2).regions(List.of("us-east-1", "eu-west-1")).hours(6).eventsPerHour(20).logFilesPerHour(2)
                .emptyHourPercent(0).seed(3).build().writeTo(trail);
        String account = generated.accounts().get(1);
        Instant start = generated.start().plusSeconds(3 * 3600);

        ValidationReport report = validate(trail, withKeys(trail).accounts(List.of(account))
                .regions(List.of("eu-west-1")).startTime(start));

        assertEquals(ValidationReport.Result.VALID, report.result(), TextReportRenderer.render(report, false));
        assertEquals(1, report.chains().size());
        assertEquals(account, report.chains().get(0).chain().accountId());
        assertEquals("eu-west-1", report.chains().get(0).chain().region());
        assertTrue(report.chains().get(0).digests().stream().allMatch(d -> !d.digestEndTime().isBefore(start)));
        assertTrue(report.summary().digestsValid() >= 2 && report.summary().digestsValid() <= 4);
    }

    @Test
    void publicKeysLoadFromPemSpkiAndDerPkcs1() throws Exception {
        TrailGenerator generator = TrailFixture.smallTrail();
        generator.writeTo(trail);
        SigningKeys keys = generator.signingKeys();
        byte[] pkcs1 = keys.publicKeyPkcs1(TrailFixture.REGION);
        RSAPublicKey rsa = (RSAPublicKey) keys.keyPair(TrailFixture.REGION).getPublic();
        byte[] spki = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())).getEncoded();
        Path pem = trail.resolveSibling(trail.getFileName() + "-key.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(spki)
                + "\n-----END PUBLIC KEY-----\n");
        Path der = trail.resolveSibling(trail.getFileName() + "-key.der");
        Files.write(der, pkcs1);

        for (Path keyFile : List.of(pem, der)) {
            ValidationReport report = validate(trail, DigestValidator.builder()
                    .publicKeys(LocalPublicKeys.load(List.of(keyFile))));
            assertEquals(ValidationReport.Result.VALID, report.result(), keyFile.toString());
        }
        // The fingerprint CloudTrail publishes is the MD5 of the PKCS#1 DER.
        JsonNode published = TrailFixture.JSON.readTree(trail.resolve("public-keys.json").toFile());
        assertEquals(keys.fingerprint(TrailFixture.REGION), published.get("PublicKeyList").get(0).get("Fingerprint").asText());
        assertTrue(published.get("PublicKeyList").get(0).get("Value").asText().startsWith("MIIBCgKCAQEA"));
    }

    @Test
    void noDigestsMeansNothingIsProven() throws IOException {
        Files.createDirectories(trail.resolve("AWSLogs"));
        Path keys = trail.resolveSibling(trail.getFileName() + "-keys.json");
        Files.write(keys, TrailFixture.smallTrail().signingKeys().toListPublicKeysJson(Instant.EPOCH, Instant.EPOCH));

        ValidationReport report = validate(trail, DigestValidator.builder().publicKeys(LocalPublicKeys.load(List.of(keys))));

        assertEquals(ValidationReport.Result.NO_DIGESTS, report.result());
        assertEquals(1, report.exitCode());
    }

    @Test
    void jsonReportCarriesStatusesAndSummary() throws IOException {
        TrailFixture.smallTrail().writeTo(trail);
        Path log = TrailFixture.logs(trail).get(0);
        Files.delete(log);

        ValidationReport report = validate(trail, withKeys(trail));
        JsonNode json = TrailFixture.JSON.readTree(JsonReportRenderer.render(report));

        assertEquals("INVALID", json.get("result").asText());
        assertEquals(1, json.get("exitCode").asInt());
        assertEquals(1, json.at("/summary/logFiles/notFound").asInt());
        JsonNode missing = null;
        for (JsonNode entry : json.get("logFiles")) {
            if (entry.get("status").asText().equals("NOT_FOUND")) {
                missing = entry;
            }
        }
        assertEquals(TrailFixture.key(trail, log), missing.get("key").asText());
        assertEquals("LOG_NOT_FOUND", missing.at("/failures/0/check").asText());
        assertTrue(TextReportRenderer.render(report, false).contains("INVALID: not found [LOG_NOT_FOUND]"));
    }

    @Test
    void unreadableKeyFileCannotRun() throws IOException {
        Path bogus = Files.writeString(trail.resolve("keys.json"), "{\"PublicKeyList\":[]}");
        assertThrows(IOException.class, () -> LocalPublicKeys.load(List.of(bogus)));
    }
}
