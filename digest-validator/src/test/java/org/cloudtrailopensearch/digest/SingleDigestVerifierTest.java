package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One digest verified in hand, and its link checked separately, in either arrival order. */
class SingleDigestVerifierTest extends TrailCopyTest {

    private VerifiedDigest verify(Path digest) throws IOException {
        Map<String, String> metadata = Files.exists(TrailFixture.sidecar(digest))
                ? metadataOf(digest) : Map.of();
        return new SingleDigestVerifier(LocalPublicKeys.load(List.of(template.resolve("public-keys.json"))))
                .verify(null, TrailFixture.key(trail, digest), Files.readAllBytes(digest), metadata);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> metadataOf(Path digest) throws IOException {
        return TrailFixture.JSON.readValue(Files.readAllBytes(TrailFixture.sidecar(digest)), Map.class);
    }

    @Test
    void aGeneratedDigestVerifiesAndNamesItsLogFilesAndPredecessor() throws IOException {
        List<Path> digests = TrailFixture.digests(trail);
        VerifiedDigest first = verify(digests.get(0));
        VerifiedDigest second = verify(digests.get(1));

        assertTrue(first.ownChecksPassed(), first.failures().toString());
        assertTrue(second.ownChecksPassed(), second.failures().toString());
        assertNull(first.previous(), "the first digest starts the chain");
        assertEquals(first.key(), second.previous().key());
        assertEquals("111122223333", second.chain().accountId());
        assertEquals(TrailFixture.REGION, second.chain().region());
        assertFalse(second.logFiles().isEmpty());
        assertTrue(second.logFiles().get(0).key().startsWith("AWSLogs/111122223333/CloudTrail/"));
        assertTrue(VerifiedDigest.checkLink(second.previous(), true, second.location(), first.sha256(),
                first.signature(), true, first.location()).intact());
    }

    @Test
    void aNamedLogFileIsJudgedByItsHash() throws IOException {
        VerifiedDigest digest = verify(TrailFixture.digests(trail).get(0));
        VerifiedDigest.NamedLogFile named = digest.logFiles().get(0);
        Path log = trail.resolve(named.key());
        LogFileHash hash;
        try (var in = Files.newInputStream(log)) {
            hash = LogFileHash.of(in);
        }
        assertEquals(IntegrityStatus.VALID, named.judge(hash, true));
        assertEquals(IntegrityStatus.DIGEST_INVALID, named.judge(hash, false));
        LogFileHash other = LogFileHash.of(new java.io.ByteArrayInputStream(TrailFixture.gzip("{\"Records\":[]}".getBytes())));
        assertEquals(IntegrityStatus.INVALID, named.judge(other, true));
        LogFileHash restored = LogFileHash.restore(hash.sha256Hex(), hash.uncompressedBytes(), null, null);
        assertEquals(hash, restored);
        assertEquals(IntegrityStatus.VALID, named.judge(restored, true));
    }

    @Test
    void anAlteredDigestFailsItsSignatureAndItsSuccessorsLinkIsPinnedOnIt() throws IOException {
        List<Path> digests = TrailFixture.digests(trail);
        Path older = digests.get(1);
        VerifiedDigest newer = verify(digests.get(2));
        ObjectNode json = TrailFixture.readDigest(older);
        json.withArray("logFiles").remove(0);
        Files.write(older, TrailFixture.gzip(TrailFixture.JSON.writeValueAsBytes(json)));

        VerifiedDigest altered = verify(older);
        assertFalse(altered.ownChecksPassed());
        assertEquals(Check.SIGNATURE, altered.failures().get(0).check());
        VerifiedDigest.Link link = VerifiedDigest.checkLink(newer.previous(), newer.ownChecksPassed(), newer.location(),
                altered.sha256(), altered.signature(), altered.ownChecksPassed(), altered.location());
        assertTrue(link.onNewer().isEmpty(), "the newer digest verifies on its own signature");
        assertEquals(List.of(Check.SUCCESSOR_LINK), link.onOlder().stream().map(Failure::check).toList());
    }

    @Test
    void aDigestWithoutSignatureMetadataOrAtAnotherLocationFails() throws IOException {
        Path digest = TrailFixture.digests(trail).get(0);
        Files.delete(TrailFixture.sidecar(digest));
        assertEquals(Check.SIGNATURE_METADATA, verify(digest).failures().get(0).check());

        VerifiedDigest moved = new SingleDigestVerifier(LocalPublicKeys.load(List.of(template.resolve("public-keys.json"))))
                .verify("another-bucket", "copy/" + TrailFixture.key(trail, digest), Files.readAllBytes(digest), Map.of());
        assertTrue(moved.failures().stream().anyMatch(f -> f.check() == Check.DIGEST_LOCATION), moved.failures().toString());
        assertNotNull(moved.chain());
    }

    @Test
    void bytesThatAreNotADigestAreAFormatFailureNotAnException() throws IOException {
        Path digest = TrailFixture.digests(trail).get(0);
        VerifiedDigest garbage = new SingleDigestVerifier(LocalPublicKeys.load(List.of(template.resolve("public-keys.json"))))
                .verify(null, TrailFixture.key(trail, digest), "not gzip".getBytes(), Map.of());
        assertEquals(Check.DIGEST_FORMAT, garbage.failures().get(0).check());
        assertTrue(garbage.logFiles().isEmpty());
    }
}
