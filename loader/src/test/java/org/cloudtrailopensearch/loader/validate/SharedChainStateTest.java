package org.cloudtrailopensearch.loader.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.cloudtrailopensearch.digest.Check;
import org.cloudtrailopensearch.digest.Failure;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.state.ChainStateFile;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity.DigestArrival;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity.Remark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers sharing one chain store, with no lock between them: each {@link IncrementalIntegrity} keeps nothing of
 * its own but what it has in flight, so what one worker saw must reach the other through the store. (The store
 * here is one {@link ChainStateFile} for both; the cluster store is exercised on a real node by the it module.)
 */
class SharedChainStateTest {

    @TempDir
    Path work;

    private IncrementalTrail trail;
    private IncrementalIntegrity workerA;
    private IncrementalIntegrity workerB;

    @BeforeEach
    void twoWorkersOnOneStore() throws IOException {
        trail = IncrementalTrail.generate(work.resolve("trail"));
        ChainStateFile store = ChainStateFile.open(work.resolve("chains.jsonl"));
        workerA = IncrementalIntegrity.open(store, trail.publicKeys(), IncrementalIntegrity.DEFAULT_RETENTION);
        workerB = IncrementalIntegrity.open(store, trail.publicKeys(), IncrementalIntegrity.DEFAULT_RETENTION);
    }

    @AfterEach
    void close() {
        workerA.close();
    }

    @Test
    void aLogLoadedByOneWorkerIsReMarkedByTheWorkerThatReceivesItsDigest() throws IOException {
        Path digest = trail.digests().get(0);
        List<Path> named = trail.logsNamedBy(digest);
        for (Path log : named) {
            LogObject object = trail.logObject(log);
            assertEquals("digest_pending", workerA.judge(object, IncrementalTrail.hash(log)).mark().orElseThrow());
            assertEquals(Optional.empty(), workerA.logFileLoaded(object));
        }

        DigestArrival arrival = trail.arrive(workerB, digest);

        assertTrue(arrival.valid(), arrival.failures().toString());
        assertEquals(named.stream().map(Path::toString).sorted().toList(),
                arrival.remarks().stream().map(Remark::path).sorted().toList());
        assertTrue(arrival.remarks().stream().allMatch(r -> r.status() == IntegrityStatus.VALID));
    }

    @Test
    void aDigestReceivedByAnotherWorkerWhileTheLogIsInFlightIsReMarkedByTheLoadingWorker() throws IOException {
        Path digest = trail.digests().get(0);
        Path log = trail.logsNamedBy(digest).get(0);
        LogObject object = trail.logObject(log);
        assertEquals(IntegrityStatus.DIGEST_PENDING,
                workerA.judge(object, IncrementalTrail.hash(log)).verdict().orElseThrow());

        assertEquals(List.of(), trail.arrive(workerB, digest).remarks(),
                "not all its documents may be indexed yet: the worker loading it re-marks them");

        assertEquals(Optional.of(new Remark(log.toString(), IntegrityStatus.VALID)), workerA.logFileLoaded(object));
    }

    @Test
    void aDigestIsLinkedToAPredecessorAnotherWorkerReceived() throws IOException {
        List<Path> digests = trail.digests();
        DigestArrival second = trail.arrive(workerB, digests.get(1));
        assertTrue(second.gap().orElseThrow().contains(trail.key(digests.get(0))), second.gap().toString());

        DigestArrival first = trail.arrive(workerA, digests.get(0));

        assertTrue(first.valid(), first.failures().toString());
        IncrementalIntegrity.ChainStatus chain = workerB.chainStatus().get(0);
        assertEquals(2, chain.digests());
        assertEquals(2, chain.digestsValid());
        assertEquals(List.of(), chain.gaps(), "the link was checked across workers");
    }

    @Test
    void aPredecessorAlteredAfterItsSuccessorReachedAnotherWorkerIsReported() throws IOException {
        List<Path> digests = trail.digests();
        trail.arrive(workerB, digests.get(2));
        Path older = digests.get(1);
        String changed = new String(IncrementalTrail.gunzip(older), StandardCharsets.UTF_8)
                .replaceFirst("\"hashValue\":\"[0-9a-f]", "\"hashValue\":\"0");
        Files.write(older, gzip(changed));

        DigestArrival arrival = trail.arrive(workerA, older);

        assertFalse(arrival.valid());
        List<Check> checks = arrival.failures().stream().map(Failure::check).toList();
        assertTrue(checks.contains(Check.SUCCESSOR_LINK), checks.toString());
    }

    @Test
    void aReMarkWhoseVerdictChangedSinceIsGivenAgainByTheRecheck() throws IOException {
        Path digest = trail.digests().get(0);
        Path log = trail.logsNamedBy(digest).get(0);
        LogObject object = trail.logObject(log);
        workerA.judge(object, IncrementalTrail.hash(log));
        workerA.logFileLoaded(object);
        trail.arrive(workerB, digest);

        Remark stale = new Remark(log.toString(), IntegrityStatus.DIGEST_INVALID);
        assertEquals(List.of(new Remark(log.toString(), IntegrityStatus.VALID)), workerA.recheck(List.of(stale)));
        assertEquals(List.of(), workerA.recheck(List.of(new Remark(log.toString(), IntegrityStatus.VALID))));
    }

    @Test
    void aStoreIsClosedWithTheIntegrityThatOwnsIt() throws IOException {
        Path state = work.resolve("other.jsonl");
        IncrementalIntegrity.open(ChainStateFile.open(state), trail.publicKeys(), Duration.ofDays(1)).close();
        ChainStateFile.open(state).close();
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
