package org.cloudtrailopensearch.loader.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cloudtrailopensearch.digest.ChainId;
import org.cloudtrailopensearch.digest.Failure;
import org.cloudtrailopensearch.digest.IntegrityIndex;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.digest.PublicKeySource;
import org.cloudtrailopensearch.digest.SingleDigestVerifier;
import org.cloudtrailopensearch.digest.VerifiedDigest;
import org.cloudtrailopensearch.loader.report.ChainResult;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.state.ChainStateFile;
import org.cloudtrailopensearch.loader.state.ChainStateFile.LoggedFile;
import org.cloudtrailopensearch.loader.state.ChainStore;

/**
 * Integrity marks in queue mode, where objects arrive one by one in any order and nothing lists the bucket: each
 * digest is verified on arrival ({@link SingleDigestVerifier}: the batch checks) and linked to its predecessor and
 * successor as soon as both are seen; each log file is judged from the hash of the bytes loaded, against the digest
 * naming it if that digest was seen, else marked {@code digest_pending} and judged when the digest arrives, whose
 * arrival then tells which already loaded files to re-mark ({@code index.IntegrityRemarker}). Everything seen is
 * kept in a {@link ChainStore}: a local {@link ChainStateFile} for one worker, or an
 * {@link org.cloudtrailopensearch.loader.state.IndexChainStore} shared by any number of workers.
 *
 * <p>Use by a queue worker ({@code run.IntegrityFollowUp} does steps 1 to 4 after each finished object):
 * <ol>
 *   <li>log object: load it through the pipeline with this as {@link org.cloudtrailopensearch.loader.run.LoadJobConfig}'s
 *       integrity judge ({@link #judge} runs there); when all its records are indexed, call {@link #logFileLoaded}
 *       and re-mark what it returns (a digest may have arrived while the object was in flight);</li>
 *   <li>digest object: call {@link #digestArrived} with its bytes and user metadata and re-mark the files in
 *       {@link DigestArrival#remarks()} (the digest itself may also go through the pipeline, indexed unmarked);</li>
 *   <li>after re-marking, {@link #recheck} the re-marks and re-mark again what it returns, until it returns none;</li>
 *   <li>delete the message only after the re-marks succeeded: a redelivered digest or log object gives its re-marks
 *       again (re-marking is idempotent).</li>
 * </ol>
 *
 * <p>Several workers, no lock between them: each writes its own fact to the store before it reads the others'
 * (a loaded log file: its hash, then the digests naming it; a digest: itself and what it names, then the log files
 * and neighbouring digests), and the store makes a write visible to every later read. So of a log file and its
 * digest handled at once by two workers, the one that reads second sees both and re-marks; if both do, they agree.
 * A worker that read too early may re-mark with a verdict that a concurrent arrival has since changed (a link
 * broken by a late predecessor); the {@link #recheck} after re-marking catches that: whatever changed before the
 * recheck is seen by it, whatever changes after it is re-marked by its writer, after this re-mark.
 *
 * <p>Only {@link IntegrityMode#MARK}: a log file usually arrives up to an hour before the digest that proves it, so
 * when it is loaded it cannot be proven, and refusing it would lose it (see {@link #requireSupported}).
 *
 * <p>Thread-safe.
 */
public final class IncrementalIntegrity implements IntegrityJudge, AutoCloseable {


    /** A log file whose documents should now carry {@code status} (their {@code log.file.path} is {@code path}). */
    public record Remark(String path, IntegrityStatus status) {
        /** The value for {@code aws.cloudtrail.log_file.integrity}. */
        public String mark() {
            return IntegrityJudge.markOf(status);
        }
    }

    /**
     * What a digest's arrival did.
     *
     * @param digest   the digest as verified on its own
     * @param valid    whether it verifies, including its link to its predecessor when that one was seen
     * @param failures its own failures and its link failures (both directions)
     * @param remarks  already loaded log files whose documents must be re-marked
     * @param gap      when its predecessor has not been seen: a description of the break (it may still arrive)
     */
    public record DigestArrival(VerifiedDigest digest, boolean valid, List<Failure> failures, List<Remark> remarks,
                                Optional<String> gap) {
    }

    /** Per chain: digests seen, how many verify, and links that cannot be checked (predecessor not seen). */
    public record ChainStatus(ChainId chain, int digests, int digestsValid, List<String> gaps) {
    }


    /** How long settled chains are kept, counted back from the newest digest seen (default 7 days). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final SingleDigestVerifier verifier;
    private final ChainStore store;
    private final Duration retention;
    /**
     * Log files judged and not yet reported loaded, by key: their entry, also when the store could not be written
     * at stream time. An object whose load fails leaves its entry until it is judged here again (a few per failed
     * object, not worth a hook).
     */
    private final Map<String, LoggedFile> inFlight = new ConcurrentHashMap<>();
    private final Object pruning = new Object();
    /** Entries before this were pruned: a missing predecessor before it is not a gap (guarded by pruning). */
    private Instant prunedBefore = Instant.MIN;
    /** End time of the newest digest seen, null before the first (guarded by pruning). */
    private Instant newest;

    private IncrementalIntegrity(SingleDigestVerifier verifier, ChainStore store, Duration retention) throws IOException {
        this.verifier = verifier;
        this.store = store;
        this.retention = retention;
        store.newestDigestEnd().ifPresent(this::noteNewest);
        pruneIfDue();
    }

    /**
     * Opens (or creates) the chain state in {@code stateFile}; {@code publicKeys} as for batch loads
     * ({@link TrailValidation#publicKeys}).
     */
    public static IncrementalIntegrity open(Path stateFile, PublicKeySource publicKeys) throws IOException {
        return open(stateFile, publicKeys, DEFAULT_RETENTION);
    }

    /**
     * @param retention how long digests and log-file hashes are kept, counted back from the newest digest seen (not
     *                  the clock, so replayed old trails work alike): a digest arrives about an hour after its logs,
     *                  so days are plenty; older entries are dropped from the store
     */
    public static IncrementalIntegrity open(Path stateFile, PublicKeySource publicKeys, Duration retention)
            throws IOException {
        requireRetention(retention);
        return open(ChainStateFile.open(stateFile), publicKeys, retention);
    }

    /**
     * Over {@code store}, which the result owns (closing it closes the store), e.g. an
     * {@link org.cloudtrailopensearch.loader.state.IndexChainStore} shared by several workers.
     */
    public static IncrementalIntegrity open(ChainStore store, PublicKeySource publicKeys, Duration retention)
            throws IOException {
        try {
            requireRetention(retention);
            return new IncrementalIntegrity(new SingleDigestVerifier(publicKeys), store, retention);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void requireRetention(Duration retention) {
        if (retention.compareTo(Duration.ofHours(2)) < 0) {
            throw new IllegalArgumentException("a retention under 2 hours would drop logs before their digest arrives");
        }
    }

    /**
     * Fails for a mode queue mode cannot honour: {@code refuse} (a file loaded before its digest cannot be proven
     * when it is loaded; holding it back until the digest arrives would need buffering that outlives the message).
     */
    public static void requireSupported(IntegrityMode mode) {
        if (mode == IntegrityMode.REFUSE) {
            throw new IllegalArgumentException("--verify-integrity refuse is not supported in queue mode: a log file"
                    + " arrives up to an hour before the digest that proves it, so it cannot be proven when it is"
                    + " loaded; use --verify-integrity mark (documents are marked digest_pending, then valid or"
                    + " invalid when the digest arrives) or a batch load with refuse");
        }
    }

    /** Where the chain state is kept. */
    public String describeStore() {
        return store.describe();
    }

    @Override
    public IntegrityMode mode() {
        return IntegrityMode.MARK;
    }

    /** Nothing is validated up front; see {@link #chainStatus()}. */
    @Override
    public List<ChainResult> chains() {
        return List.of();
    }

    @Override
    public boolean hashes(LogObject object) {
        return !object.isDigest();
    }

    /**
     * Records the hash of a log file while it is loaded, and gives its verdict now or {@code digest_pending}. When
     * the store cannot be reached the verdict is {@code digest_pending}: {@link #logFileLoaded} records the hash
     * and judges again (and fails the message if the store is still unreachable).
     */
    @Override
    public Decision judge(LogObject object, LogFileHash hash) {
        Optional<String> key = logKeyOf(object);
        if (key.isEmpty()) {
            return Decision.indexMarked(IntegrityStatus.NOT_VALIDATED);
        }
        IntegrityStatus verdict;
        try {
            verdict = new Snapshot().verdict(key.get(), hash);
        } catch (IOException e) {
            verdict = IntegrityStatus.DIGEST_PENDING;
        }
        LoggedFile logged = new LoggedFile(key.get(), object.name(), hash, verdict, false);
        inFlight.put(key.get(), logged);
        try {
            store.putLogFile(logged);
        } catch (IOException e) {
            // written by logFileLoaded; until then no other worker acts on a file not loaded
        }
        return Decision.indexMarked(verdict);
    }

    /**
     * Tells that every record of {@code object} reached the index (or its end); returns the re-mark its documents
     * need when a digest judged it after it was streamed (a digest that arrived while it was in flight, maybe on
     * another worker). Records that the file is loaded first, then reads the digests: a digest recorded after that
     * read sees the file loaded and gives the re-mark itself.
     *
     * @throws IOException when the store cannot be written or read (the message must be retried)
     */
    public Optional<Remark> logFileLoaded(LogObject object) throws IOException {
        Optional<String> key = logKeyOf(object);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        LoggedFile logged = inFlight.remove(key.get());
        if (logged == null) {
            logged = store.logFiles(List.of(key.get())).get(key.get());
            if (logged == null) {
                return Optional.empty();
            }
        }
        store.putLogFile(new LoggedFile(logged.key(), logged.path(), logged.hash(), logged.mark(), true));
        IntegrityStatus now = new Snapshot().verdict(logged.key(), logged.hash());
        return now == logged.mark() || now == IntegrityStatus.DIGEST_PENDING ? Optional.empty()
                : Optional.of(new Remark(logged.path(), now));
    }

    /**
     * Verifies a digest object that arrived, records it and the log files it names, links it to its neighbours, and
     * returns the re-marks for the log files already loaded whose verdict it tells or changes: those it names, and
     * those of a successor whose link to it is broken.
     *
     * @param bucket       the bucket it was read from (null for a local file)
     * @param objectKey    its full object key
     * @param stored       its bytes as stored (gzipped)
     * @param userMetadata its S3 user metadata ({@code signature}, ...)
     * @throws IOException when the public keys cannot be looked up or the store cannot be written or read (the
     *                     message should be retried)
     */
    public DigestArrival digestArrived(String bucket, String objectKey, byte[] stored, Map<String, String> userMetadata)
            throws IOException {
        VerifiedDigest digest = verifier.verify(bucket, objectKey, stored, userMetadata);
        store.putDigest(digest);
        if (digest.endTime() != null) {
            noteNewest(digest.endTime());
        }
        pruneIfDue();
        Snapshot snapshot = new Snapshot();
        snapshot.known(digest);
        List<VerifiedDigest> affected = new ArrayList<>();
        affected.add(digest);
        for (VerifiedDigest newer : snapshot.successorsOf(digest.key())) {
            // Its validity depends on this one only through a broken link; an intact one changes no verdict.
            if (!link(newer, digest).onNewer().isEmpty()) {
                affected.add(newer);
            }
        }
        Set<String> named = new LinkedHashSet<>();
        affected.forEach(d -> d.logFiles().forEach(f -> named.add(f.key())));
        Map<String, LoggedFile> loaded = new LinkedHashMap<>(store.logFiles(named));
        loaded.values().removeIf(logged -> !logged.loaded());
        snapshot.prefetchNaming(loaded.keySet());
        List<Remark> remarks = new ArrayList<>();
        for (LoggedFile logged : loaded.values()) {
            IntegrityStatus now = snapshot.verdict(logged.key(), logged.hash());
            // Also when it equals the stream-time mark: a documents' mark may have been re-marked since, or the
            // re-mark may be the one a crash interrupted before the digest's message was deleted.
            if (now != IntegrityStatus.DIGEST_PENDING) {
                remarks.add(new Remark(logged.path(), now));
            }
        }
        return new DigestArrival(digest, snapshot.isValid(digest), snapshot.failuresOf(digest), remarks,
                snapshot.gapOf(digest));
    }

    /**
     * After {@code applied} were written: the re-marks whose verdict has changed since (read again from the store),
     * to be written in turn. Empty when every verdict still holds.
     *
     * @throws IOException when the store cannot be read
     */
    public List<Remark> recheck(Collection<Remark> applied) throws IOException {
        Map<String, Remark> byKey = new LinkedHashMap<>();
        for (Remark remark : applied) {
            IntegrityIndex.normalize(remark.path()).ifPresent(key -> byKey.put(key, remark));
        }
        Map<String, LoggedFile> logged = store.logFiles(byKey.keySet());
        Snapshot snapshot = new Snapshot();
        snapshot.prefetchNaming(logged.keySet());
        List<Remark> changed = new ArrayList<>();
        for (Map.Entry<String, Remark> entry : byKey.entrySet()) {
            LoggedFile file = logged.get(entry.getKey());
            if (file == null) {
                continue;
            }
            IntegrityStatus now = snapshot.verdict(file.key(), file.hash());
            if (now != IntegrityStatus.DIGEST_PENDING && now != entry.getValue().status()) {
                changed.add(new Remark(entry.getValue().path(), now));
            }
        }
        return changed;
    }

    /** The chains seen so far, each with its gaps (links whose older digest has not been seen). */
    public List<ChainStatus> chainStatus() throws IOException {
        Snapshot snapshot = new Snapshot();
        Map<ChainId, List<VerifiedDigest>> byChain = new LinkedHashMap<>();
        for (VerifiedDigest digest : store.allDigests()) {
            snapshot.known(digest);
            if (digest.chain() != null) {
                byChain.computeIfAbsent(digest.chain(), c -> new ArrayList<>()).add(digest);
            }
        }
        snapshot.complete = true;
        List<ChainStatus> statuses = new ArrayList<>();
        for (Map.Entry<ChainId, List<VerifiedDigest>> chain : byChain.entrySet()) {
            int valid = 0;
            List<String> gaps = new ArrayList<>();
            for (VerifiedDigest digest : chain.getValue()) {
                valid += snapshot.isValid(digest) ? 1 : 0;
                snapshot.gapOf(digest).ifPresent(gaps::add);
            }
            statuses.add(new ChainStatus(chain.getKey(), chain.getValue().size(), valid, gaps));
        }
        return statuses;
    }

    /** The verdict a log file would get now (for reports and tests); {@code digest_pending} when no digest names it. */
    public IntegrityStatus verdictOf(String keyOrPathOrUri, LogFileHash hash) throws IOException {
        Optional<String> key = IntegrityIndex.normalize(keyOrPathOrUri);
        return key.isEmpty() ? IntegrityStatus.NOT_VALIDATED : new Snapshot().verdict(key.get(), hash);
    }

    @Override
    public void close() {
        store.close();
    }

    private static Optional<String> logKeyOf(LogObject object) {
        Optional<String> fromKey = IntegrityIndex.normalize(object.key());
        return fromKey.isPresent() ? fromKey : IntegrityIndex.normalize(object.name());
    }

    private void noteNewest(Instant end) {
        synchronized (pruning) {
            if (newest == null || end.isAfter(newest)) {
                newest = end;
            }
        }
    }

    /**
     * Drops what lies more than the retention before the newest digest, at most once an hour of digest time (each
     * worker sharing a store does so on its own; deleting what another already deleted is harmless).
     */
    private void pruneIfDue() throws IOException {
        Instant horizon;
        synchronized (pruning) {
            if (newest == null) {
                return;
            }
            horizon = newest.minus(retention);
            if (horizon.isBefore(prunedBefore.plus(Duration.ofHours(1)))) {
                return;
            }
            prunedBefore = horizon;
        }
        store.prune(horizon);
    }

    private Instant prunedBefore() {
        synchronized (pruning) {
            return prunedBefore;
        }
    }

    private static VerifiedDigest.Link link(VerifiedDigest newer, VerifiedDigest older) {
        return VerifiedDigest.checkLink(newer.previous(), newer.ownChecksPassed(), newer.location(), older.sha256(),
                older.signature(), older.ownChecksPassed(), older.location());
    }

    /**
     * The store as read for one decision: each entry read at most once (in batches where the caller knows what it
     * needs), so one decision judges from one view and pays few round trips.
     */
    private final class Snapshot {
        private final Map<String, Optional<VerifiedDigest>> digests = new HashMap<>();
        private final Map<String, List<String>> naming = new HashMap<>();
        /** Every digest of the store is known (chainStatus): absent means not recorded, no read needed. */
        private boolean complete;

        void known(VerifiedDigest digest) {
            digests.put(digest.key(), Optional.of(digest));
        }

        private void fetchDigests(Collection<String> keys) throws IOException {
            List<String> missing = keys.stream().filter(k -> !digests.containsKey(k)).distinct().toList();
            if (missing.isEmpty() || complete) {
                return;
            }
            Map<String, VerifiedDigest> found = store.digests(missing);
            missing.forEach(k -> digests.put(k, Optional.ofNullable(found.get(k))));
        }

        Optional<VerifiedDigest> digest(String key) throws IOException {
            fetchDigests(List.of(key));
            return digests.getOrDefault(key, Optional.empty());
        }

        void prefetchNaming(Collection<String> logKeys) throws IOException {
            List<String> missing = logKeys.stream().filter(k -> !naming.containsKey(k)).distinct().toList();
            if (missing.isEmpty()) {
                return;
            }
            Map<String, List<String>> found = store.namingDigests(missing);
            missing.forEach(k -> naming.put(k, found.getOrDefault(k, List.of())));
            Set<String> digestKeys = new LinkedHashSet<>();
            missing.forEach(k -> digestKeys.addAll(naming.get(k)));
            fetchDigests(digestKeys);
            List<String> previous = new ArrayList<>();
            for (String digestKey : digestKeys) {
                digests.getOrDefault(digestKey, Optional.empty()).filter(d -> !d.backfill() && d.previous() != null)
                        .ifPresent(d -> previous.add(d.previous().key()));
            }
            fetchDigests(previous);
        }

        /** The digests naming the log file, first recorded first (a redelivered digest may no longer name it). */
        List<VerifiedDigest> namingDigests(String logKey) throws IOException {
            prefetchNaming(List.of(logKey));
            List<VerifiedDigest> found = new ArrayList<>();
            for (String digestKey : naming.get(logKey)) {
                digest(digestKey).filter(d -> d.logFiles().stream().anyMatch(f -> f.key().equals(logKey)))
                        .ifPresent(found::add);
            }
            return found;
        }

        IntegrityStatus verdict(String logKey, LogFileHash hash) throws IOException {
            List<VerifiedDigest> naming = namingDigests(logKey);
            if (naming.isEmpty()) {
                return IntegrityStatus.DIGEST_PENDING;
            }
            boolean allValid = true;
            for (VerifiedDigest digest : naming) {
                allValid &= isValid(digest);
            }
            // The first digest naming the file decides its expected hash, as in a full validation.
            VerifiedDigest.NamedLogFile named = naming.get(0).logFiles().stream()
                    .filter(f -> f.key().equals(logKey)).findFirst().orElseThrow();
            return named.judge(hash, allValid);
        }

        Optional<VerifiedDigest> predecessorOf(VerifiedDigest digest) throws IOException {
            if (digest.backfill() || digest.previous() == null) {
                return Optional.empty();
            }
            return digest(digest.previous().key());
        }

        List<VerifiedDigest> successorsOf(String key) throws IOException {
            List<String> keys = store.successors(key);
            fetchDigests(keys);
            List<VerifiedDigest> found = new ArrayList<>();
            for (String successor : keys) {
                digests.getOrDefault(successor, Optional.empty())
                        .filter(d -> !d.backfill() && d.previous() != null && key.equals(d.previous().key()))
                        .ifPresent(found::add);
            }
            return found;
        }

        /** Valid: its own checks pass and no mismatch with its predecessor is pinned on it. */
        boolean isValid(VerifiedDigest digest) throws IOException {
            if (!digest.ownChecksPassed()) {
                return false;
            }
            Optional<VerifiedDigest> older = predecessorOf(digest);
            return older.isEmpty() || link(digest, older.get()).onNewer().isEmpty();
        }

        List<Failure> failuresOf(VerifiedDigest digest) throws IOException {
            List<Failure> failures = new ArrayList<>(digest.failures());
            Optional<VerifiedDigest> older = predecessorOf(digest);
            if (older.isPresent()) {
                failures.addAll(link(digest, older.get()).onNewer());
            }
            for (VerifiedDigest newer : successorsOf(digest.key())) {
                failures.addAll(link(newer, digest).onOlder());
            }
            return failures;
        }

        Optional<String> gapOf(VerifiedDigest digest) throws IOException {
            if (digest.backfill() || digest.previous() == null || predecessorOf(digest).isPresent()
                    || ChainStateFile.deliveredAt(digest.previous().key())
                            .map(end -> end.isBefore(prunedBefore())).orElse(false)) {
                return Optional.empty();
            }
            return Optional.of("the digest before " + digest.location() + " (" + digest.previous().key() + ") has not"
                    + " been seen: the link cannot be checked until it arrives (" + digest.location()
                    + " and its log files are judged on its own signature)");
        }
    }
}
