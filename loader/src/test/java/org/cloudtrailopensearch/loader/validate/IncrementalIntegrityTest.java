package org.cloudtrailopensearch.loader.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.cloudtrailopensearch.digest.Check;
import org.cloudtrailopensearch.digest.Failure;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity.DigestArrival;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity.Remark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue-mode integrity: objects of a signed, generated trail arriving one by one, in any order. */
class IncrementalIntegrityTest {

    @TempDir
    Path work;

    private IncrementalTrail trail;
    private Path stateFile;
    private IncrementalIntegrity integrity;

    @BeforeEach
    void generate() throws IOException {
        trail = IncrementalTrail.generate(work.resolve("trail"));
        stateFile = work.resolve("state/chains.jsonl");
        integrity = IncrementalIntegrity.open(stateFile, trail.publicKeys());
    }

    @AfterEach
    void close() {
        integrity.close();
    }

    /** Streams a log file through the judge as the pipeline does, then tells it the records are indexed. */
    private IntegrityStatus load(Path log) throws IOException {
        LogObject object = trail.logObject(log);
        IntegrityJudge.Decision decision = integrity.judge(object, IncrementalTrail.hash(log));
        assertTrue(decision.index());
        integrity.logFileLoaded(object);
        return decision.verdict().orElseThrow();
    }

    private static Map<String, IntegrityStatus> byPath(List<Remark> remarks) {
        Map<String, IntegrityStatus> statuses = new HashMap<>();
        remarks.forEach(r -> statuses.put(r.path(), r.status()));
        return statuses;
    }

    @Test
    void aLogLoadedBeforeItsDigestIsPendingAndReMarkedValidWhenTheDigestArrives() throws IOException {
        Path digest = trail.digests().get(0);
        List<Path> named = trail.logsNamedBy(digest);
        for (Path log : named) {
            assertEquals(IntegrityStatus.DIGEST_PENDING, load(log));
        }
        LogObject redelivered = trail.logObject(named.get(0));
        assertEquals("digest_pending", integrity.judge(redelivered, IncrementalTrail.hash(named.get(0))).mark().orElseThrow());
        assertEquals(Optional.empty(), integrity.logFileLoaded(redelivered));

        DigestArrival arrival = trail.arrive(integrity, digest);

        assertTrue(arrival.valid(), arrival.failures().toString());
        assertEquals(named.size(), arrival.remarks().size());
        assertTrue(arrival.remarks().stream().allMatch(r -> r.status() == IntegrityStatus.VALID && r.mark().equals("valid")));
        assertEquals(named.stream().map(Path::toString).sorted().toList(),
                arrival.remarks().stream().map(Remark::path).sorted().toList());
    }

    @Test
    void aLogLoadedAfterItsDigestGetsItsVerdictAtOnce() throws IOException {
        Path digest = trail.digests().get(1);
        DigestArrival arrival = trail.arrive(integrity, digest);
        assertTrue(arrival.remarks().isEmpty(), "nothing loaded yet");
        for (Path log : trail.logsNamedBy(digest)) {
            assertEquals(IntegrityStatus.VALID, load(log));
            assertEquals(Optional.empty(), integrity.logFileLoaded(trail.logObject(log)), "no re-mark needed");
        }
    }

    @Test
    void aDigestArrivingWhileItsLogIsInFlightIsReMarkedWhenTheLogIsLoaded() throws IOException {
        Path digest = trail.digests().get(0);
        Path log = trail.logsNamedBy(digest).get(0);
        LogObject object = trail.logObject(log);
        assertEquals(IntegrityStatus.DIGEST_PENDING, integrity.judge(object, IncrementalTrail.hash(log)).verdict().orElseThrow());

        DigestArrival arrival = trail.arrive(integrity, digest);
        assertTrue(arrival.remarks().isEmpty(), "its documents may not all be indexed yet: re-marked when loaded");

        assertEquals(Optional.of(new Remark(log.toString(), IntegrityStatus.VALID)), integrity.logFileLoaded(object));
    }

    @Test
    void aMissingDigestInTheMiddleIsAGapAndLaterDigestsStillVerify() throws IOException {
        List<Path> digests = trail.digests();
        assertTrue(trail.arrive(integrity, digests.get(0)).gap().isEmpty());
        DigestArrival afterGap = trail.arrive(integrity, digests.get(2));
        DigestArrival next = trail.arrive(integrity, digests.get(3));

        assertTrue(afterGap.valid(), "verified on its own signature");
        assertTrue(afterGap.gap().orElseThrow().contains(trail.key(digests.get(1))), afterGap.gap().toString());
        assertTrue(next.valid());
        assertTrue(next.gap().isEmpty(), "its own predecessor was seen and the link holds");
        IncrementalIntegrity.ChainStatus chain = integrity.chainStatus().get(0);
        assertEquals(3, chain.digests());
        assertEquals(3, chain.digestsValid());
        assertEquals(1, chain.gaps().size());
        for (Path log : trail.logsNamedBy(digests.get(2))) {
            assertEquals(IntegrityStatus.VALID, load(log));
        }

        DigestArrival late = trail.arrive(integrity, digests.get(1));
        assertTrue(late.valid(), late.failures().toString());
        assertTrue(integrity.chainStatus().get(0).gaps().isEmpty(), "the late digest closes the gap, its links hold");
    }

    @Test
    void anAlteredLogIsInvalidAndItsUnalteredNeighboursValid() throws IOException {
        Path digest = trail.digests().get(0);
        List<Path> named = trail.logsNamedBy(digest);
        Path altered = named.get(0);
        Files.write(altered, gzip("{\"Records\":[]}"));
        named.forEach(log -> {
            try {
                load(log);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        Map<String, IntegrityStatus> remarks = byPath(trail.arrive(integrity, digest).remarks());

        assertEquals(IntegrityStatus.INVALID, remarks.get(altered.toString()));
        assertEquals(IntegrityStatus.VALID, remarks.get(named.get(1).toString()));
        assertEquals(IntegrityStatus.INVALID, load(altered), "and again when it is redelivered");
    }

    @Test
    void aDigestWithAnAlteredSignatureIsReportedAndItsLogsAreNeverValid() throws IOException {
        List<Path> digests = trail.digests();
        Path digest = digests.get(1);
        List<Path> named = trail.logsNamedBy(digest);
        for (Path log : named) {
            load(log);
        }
        Map<String, String> metadata = new HashMap<>(trail.metadata(digest));
        String signature = metadata.get("signature");
        metadata.put("signature", (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));

        DigestArrival arrival = integrity.digestArrived(null, trail.key(digest), Files.readAllBytes(digest), metadata);

        assertFalse(arrival.valid());
        assertEquals(List.of(Check.SIGNATURE), arrival.failures().stream().map(Failure::check).toList());
        assertEquals(named.size(), arrival.remarks().size());
        assertTrue(arrival.remarks().stream().allMatch(r -> r.status() == IntegrityStatus.DIGEST_INVALID));

        DigestArrival successor = trail.arrive(integrity, digests.get(2));
        assertTrue(successor.valid(), "the next digest verifies on its own: the broken link is pinned on the altered one");
        assertEquals(0, integrity.chainStatus().get(0).digestsValid() - 1, "only the successor verifies");
        assertEquals(IntegrityStatus.DIGEST_INVALID, integrity.verdictOf(named.get(0).toString(),
                IncrementalTrail.hash(named.get(0))));
    }

    @Test
    void aDigestWhoseContentWasAlteredAfterItsSuccessorArrivedBreaksTheLinkOnIt() throws IOException {
        List<Path> digests = trail.digests();
        trail.arrive(integrity, digests.get(2));
        Path older = digests.get(1);
        byte[] json = IncrementalTrail.gunzip(older);
        String changed = new String(json, StandardCharsets.UTF_8).replaceFirst("\"hashValue\":\"[0-9a-f]",
                "\"hashValue\":\"0");
        Files.write(older, gzip(changed));

        DigestArrival arrival = trail.arrive(integrity, older);

        assertFalse(arrival.valid());
        List<Check> checks = arrival.failures().stream().map(Failure::check).toList();
        assertTrue(checks.contains(Check.SIGNATURE) && checks.contains(Check.SUCCESSOR_LINK), checks.toString());
    }

    @Test
    void theStateSurvivesARestartAndRedeliveredDigestsGiveTheirReMarksAgain() throws IOException {
        Path digest = trail.digests().get(0);
        List<Path> named = trail.logsNamedBy(digest);
        for (Path log : named) {
            load(log);
        }
        integrity.close();
        // A crash while appending leaves a torn last line: ignored on opening.
        Files.writeString(stateFile, "{\"t\":\"log\",\"key\":\"AWSLo", StandardOpenOption.APPEND);

        integrity = IncrementalIntegrity.open(stateFile, trail.publicKeys());
        DigestArrival arrival = trail.arrive(integrity, digest);
        assertEquals(named.size(), arrival.remarks().size(), "the hashes recorded before the restart are judged");
        integrity.close();

        integrity = IncrementalIntegrity.open(stateFile, trail.publicKeys());
        DigestArrival redelivered = trail.arrive(integrity, digest);
        assertEquals(byPath(arrival.remarks()), byPath(redelivered.remarks()),
                "a digest redelivered after a crash before its re-marks gives them again");
        assertEquals(IntegrityStatus.VALID, load(named.get(0)));
        assertTrue(Files.readString(stateFile).startsWith("# cloudtrail-opensearch chain state"));
    }

    @Test
    void aStateFileInUseIsRefusedUntilItsOwnerClosesIt() throws IOException {
        IOException inUse = assertThrows(IOException.class, () -> IncrementalIntegrity.open(stateFile, trail.publicKeys()));
        assertTrue(inUse.getMessage().contains("in use by another worker"), inUse.getMessage());
        integrity.close();
        integrity = IncrementalIntegrity.open(stateFile, trail.publicKeys());
    }

    @Test
    void settledChainsOlderThanTheRetentionAreForgottenWithoutReportingAGap() throws IOException {
        integrity.close();
        integrity = IncrementalIntegrity.open(stateFile, trail.publicKeys(), java.time.Duration.ofHours(2));
        List<Path> digests = trail.digests();
        for (Path log : trail.logsNamedBy(digests.get(0))) {
            load(log);
        }
        for (Path digest : digests) {
            trail.arrive(integrity, digest);
        }
        long sizeBefore = Files.size(stateFile);

        IncrementalIntegrity.ChainStatus chain = integrity.chainStatus().get(0);
        assertTrue(chain.digests() < digests.size(), "the oldest digests are dropped: " + chain);
        assertEquals(List.of(), chain.gaps(), "a dropped predecessor is not a gap");
        Path oldLog = trail.logsNamedBy(digests.get(0)).get(0);
        assertEquals(IntegrityStatus.DIGEST_PENDING, integrity.verdictOf(oldLog.toString(), IncrementalTrail.hash(oldLog)),
                "forgotten");
        integrity.close();
        integrity = IncrementalIntegrity.open(stateFile, trail.publicKeys(), java.time.Duration.ofHours(2));
        assertEquals(chain.digests(), integrity.chainStatus().get(0).digests(), "the file holds what memory held");
        assertTrue(Files.size(stateFile) <= sizeBefore);
        assertThrows(IllegalArgumentException.class,
                () -> IncrementalIntegrity.open(work.resolve("other.jsonl"), trail.publicKeys(), java.time.Duration.ofMinutes(30)));
    }

    @Test
    void refuseIsNotSupportedInQueueMode() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> IncrementalIntegrity.requireSupported(IntegrityMode.REFUSE));
        assertTrue(refused.getMessage().contains("not supported in queue mode"));
        IncrementalIntegrity.requireSupported(IntegrityMode.MARK);
        assertEquals(IntegrityMode.MARK, integrity.mode());
    }

    @Test
    void digestObjectsAreNotHashedAsLogFiles() throws IOException {
        Path digest = trail.digests().get(0);
        assertFalse(integrity.hashes(new LogObject(digest.toString(), trail.key(digest), Files.size(digest), "v",
                () -> Files.newInputStream(digest))));
        assertTrue(integrity.hashes(trail.logObject(trail.logs().get(0))));
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
