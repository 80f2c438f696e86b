package org.cloudtrailopensearch.loader.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

/**
 * Integrity marks in queue mode, where objects arrive one by one in any order and nothing lists the bucket: each
 * digest is verified on arrival ({@link SingleDigestVerifier}: the batch checks) and linked to its predecessor and
 * successor as soon as both are seen; each log file is judged from the hash of the bytes loaded, against the digest
 * naming it if that digest was seen, else marked {@code digest_pending} and judged when the digest arrives, whose
 * arrival then tells which already loaded files to re-mark ({@code index.IntegrityRemarker}). Everything seen is
 * kept in a {@link ChainStateFile}, so a restart forgets nothing.
 *
 * <p>Use by a queue worker ({@code run.IntegrityFollowUp} does steps 1 to 3 after each finished object):
 * <ol>
 *   <li>log object: load it through the pipeline with this as {@link org.cloudtrailopensearch.loader.run.LoadJobConfig}'s
 *       integrity judge ({@link #judge} runs there); when all its records are indexed, call {@link #logFileLoaded}
 *       and re-mark what it returns (a digest may have arrived while the object was in flight);</li>
 *   <li>digest object: call {@link #digestArrived} with its bytes and user metadata and re-mark the files in
 *       {@link DigestArrival#remarks()} (the digest itself may also go through the pipeline, indexed unmarked);</li>
 *   <li>delete the message only after the re-marks succeeded: a redelivered digest or log object gives its re-marks
 *       again (re-marking is idempotent).</li>
 * </ol>
 *
 * <p>Only {@link IntegrityMode#MARK}: a log file usually arrives up to an hour before the digest that proves it, so
 * when it is loaded it cannot be proven, and refusing it would lose it (see {@link #requireSupported}).
 *
 * <p>Thread-safe: one lock guards the state; signatures are checked outside it.
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

    private final SingleDigestVerifier verifier;
    private final ChainStateFile state;
    private final Object lock = new Object();

    /** Log file key -> keys of the digests naming it, in arrival order (guarded by lock). */
    private final Map<String, Set<String>> namedBy = new HashMap<>();
    /** Digest key -> keys of the digests naming it as their predecessor (guarded by lock). */
    private final Map<String, Set<String>> successors = new HashMap<>();

    /** How long settled chains are kept, counted back from the newest digest seen (default 7 days). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final Duration retention;
    /** Entries before this were pruned: a missing predecessor before it is not a gap (guarded by lock). */
    private Instant prunedBefore = Instant.MIN;
    /** End time of the newest digest seen, null before the first (guarded by lock). */
    private Instant newest;

    private IncrementalIntegrity(SingleDigestVerifier verifier, ChainStateFile state, Duration retention)
            throws IOException {
        this.verifier = verifier;
        this.state = state;
        this.retention = retention;
        state.digests().values().forEach(this::index);
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
     *                  so days are plenty; older entries are dropped from the file and from memory
     */
    public static IncrementalIntegrity open(Path stateFile, PublicKeySource publicKeys, Duration retention)
            throws IOException {
        if (retention.compareTo(Duration.ofHours(2)) < 0) {
            throw new IllegalArgumentException("a retention under 2 hours would drop logs before their digest arrives");
        }
        ChainStateFile state = ChainStateFile.open(stateFile);
        try {
            return new IncrementalIntegrity(new SingleDigestVerifier(publicKeys), state, retention);
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
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

    /** Records the hash of a log file while it is loaded, and gives its verdict now or {@code digest_pending}. */
    @Override
    public Decision judge(LogObject object, LogFileHash hash) {
        Optional<String> key = logKeyOf(object);
        if (key.isEmpty()) {
            return Decision.indexMarked(IntegrityStatus.NOT_VALIDATED);
        }
        synchronized (lock) {
            IntegrityStatus verdict = verdictOf(key.get(), hash);
            state.putLogFile(new LoggedFile(key.get(), object.name(), hash, verdict, false));
            return Decision.indexMarked(verdict);
        }
    }

    /**
     * Tells that every record of {@code object} reached the index (or its end); returns the re-mark its documents
     * need when a digest judged it after it was streamed (a digest that arrived while it was in flight).
     */
    public Optional<Remark> logFileLoaded(LogObject object) {
        Optional<String> key = logKeyOf(object);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        synchronized (lock) {
            LoggedFile logged = state.logFiles().get(key.get());
            if (logged == null) {
                return Optional.empty();
            }
            if (!logged.loaded()) {
                state.putLogFile(new LoggedFile(logged.key(), logged.path(), logged.hash(), logged.mark(), true));
            }
            IntegrityStatus now = verdictOf(logged.key(), logged.hash());
            return now == logged.mark() || now == IntegrityStatus.DIGEST_PENDING ? Optional.empty()
                    : Optional.of(new Remark(logged.path(), now));
        }
    }

    /**
     * Verifies a digest object that arrived, links it to its neighbours, records it and the log files it names, and
     * returns the re-marks for log files already loaded whose verdict is now known or changed.
     *
     * @param bucket       the bucket it was read from (null for a local file)
     * @param objectKey    its full object key
     * @param stored       its bytes as stored (gzipped)
     * @param userMetadata its S3 user metadata ({@code signature}, ...)
     * @throws IOException when the public keys cannot be looked up (the message should be retried)
     */
    public DigestArrival digestArrived(String bucket, String objectKey, byte[] stored, Map<String, String> userMetadata)
            throws IOException {
        VerifiedDigest digest = verifier.verify(bucket, objectKey, stored, userMetadata);
        synchronized (lock) {
            boolean redelivered = state.digests().containsKey(digest.key());
            // Neighbours whose validity this arrival may change: their files are re-judged too.
            List<VerifiedDigest> neighbours = neighboursOf(digest);
            Map<String, Boolean> validBefore = new LinkedHashMap<>();
            neighbours.forEach(n -> validBefore.put(n.key(), isValid(n)));
            state.putDigest(digest);
            index(digest);
            pruneIfDue();
            Set<String> affected = new LinkedHashSet<>();
            affected.add(digest.key());
            for (VerifiedDigest neighbour : neighbours) {
                if (redelivered || validBefore.get(neighbour.key()) != isValid(neighbour)) {
                    affected.add(neighbour.key());
                }
            }
            List<Remark> remarks = new ArrayList<>();
            Set<String> remarked = new LinkedHashSet<>();
            for (String digestKey : affected) {
                for (VerifiedDigest.NamedLogFile named : state.digests().get(digestKey).logFiles()) {
                    LoggedFile logged = state.logFiles().get(named.key());
                    if (logged == null || !logged.loaded() || !remarked.add(named.key())) {
                        continue;
                    }
                    IntegrityStatus now = verdictOf(named.key(), logged.hash());
                    // A file named by the arriving digest is re-marked also when its verdict equals its stream-time
                    // mark: that re-mark may be the one a crash interrupted before the digest's message was deleted.
                    if (now != IntegrityStatus.DIGEST_PENDING && (now != logged.mark() || redelivered)) {
                        remarks.add(new Remark(logged.path(), now));
                    }
                }
            }
            return new DigestArrival(digest, isValid(digest), failuresOf(digest), remarks, gapOf(digest));
        }
    }

    /** The chains seen so far, each with its gaps (links whose older digest has not been seen). */
    public List<ChainStatus> chainStatus() {
        synchronized (lock) {
            Map<ChainId, List<VerifiedDigest>> byChain = new LinkedHashMap<>();
            for (VerifiedDigest digest : state.digests().values()) {
                if (digest.chain() != null) {
                    byChain.computeIfAbsent(digest.chain(), c -> new ArrayList<>()).add(digest);
                }
            }
            List<ChainStatus> statuses = new ArrayList<>();
            byChain.forEach((chain, digests) -> statuses.add(new ChainStatus(chain, digests.size(),
                    (int) digests.stream().filter(this::isValid).count(),
                    digests.stream().map(this::gapOf).flatMap(Optional::stream).toList())));
            return statuses;
        }
    }

    /** The verdict a log file would get now (for reports and tests); {@code digest_pending} when no digest names it. */
    public IntegrityStatus verdictOf(String keyOrPathOrUri, LogFileHash hash) {
        Optional<String> key = IntegrityIndex.normalize(keyOrPathOrUri);
        if (key.isEmpty()) {
            return IntegrityStatus.NOT_VALIDATED;
        }
        synchronized (lock) {
            List<VerifiedDigest> naming = namingDigests(key.get());
            if (naming.isEmpty()) {
                return IntegrityStatus.DIGEST_PENDING;
            }
            // The first digest naming the file decides its expected hash, as in a full validation.
            VerifiedDigest.NamedLogFile named = naming.get(0).logFiles().stream()
                    .filter(f -> f.key().equals(key.get())).findFirst().orElseThrow();
            return named.judge(hash, naming.stream().allMatch(this::isValid));
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            state.close();
        }
    }

    private static Optional<String> logKeyOf(LogObject object) {
        Optional<String> fromKey = IntegrityIndex.normalize(object.key());
        return fromKey.isPresent() ? fromKey : IntegrityIndex.normalize(object.name());
    }

    /** Drops what lies more than the retention before the newest digest, at most once an hour of digest time. */
    private void pruneIfDue() throws IOException {
        if (newest == null) {
            return;
        }
        Instant horizon = newest.minus(retention);
        if (horizon.isBefore(prunedBefore.plus(Duration.ofHours(1)))) {
            return;
        }
        prunedBefore = horizon;
        if (state.prune(horizon) > 0) {
            namedBy.clear();
            successors.clear();
            state.digests().values().forEach(this::index);
        }
    }

    /** Indexes a digest by the log files it names and by its predecessor, so lookups need no scan. */
    private void index(VerifiedDigest digest) {
        if (digest.endTime() != null && (newest == null || digest.endTime().isAfter(newest))) {
            newest = digest.endTime();
        }
        for (VerifiedDigest.NamedLogFile named : digest.logFiles()) {
            namedBy.computeIfAbsent(named.key(), k -> new LinkedHashSet<>()).add(digest.key());
        }
        if (!digest.backfill() && digest.previous() != null) {
            successors.computeIfAbsent(digest.previous().key(), k -> new LinkedHashSet<>()).add(digest.key());
        }
    }

    private List<VerifiedDigest> namingDigests(String logKey) {
        // A digest redelivered with other content may no longer name the file: the index only narrows the search.
        return namedBy.getOrDefault(logKey, Set.of()).stream().map(state.digests()::get)
                .filter(d -> d.logFiles().stream().anyMatch(f -> f.key().equals(logKey))).toList();
    }

    private List<VerifiedDigest> neighboursOf(VerifiedDigest digest) {
        List<VerifiedDigest> neighbours = new ArrayList<>();
        predecessorOf(digest).ifPresent(neighbours::add);
        neighbours.addAll(successorsOf(digest.key()));
        return neighbours;
    }

    private Optional<VerifiedDigest> predecessorOf(VerifiedDigest digest) {
        if (digest.backfill() || digest.previous() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(state.digests().get(digest.previous().key()));
    }

    private List<VerifiedDigest> successorsOf(String key) {
        return successors.getOrDefault(key, Set.of()).stream().map(state.digests()::get)
                .filter(d -> d.previous() != null && key.equals(d.previous().key())).toList();
    }

    /** Valid: its own checks pass and no mismatch with its predecessor is pinned on it. */
    private boolean isValid(VerifiedDigest digest) {
        return digest.ownChecksPassed() && predecessorOf(digest).map(older -> link(digest, older).onNewer().isEmpty())
                .orElse(true);
    }

    private static VerifiedDigest.Link link(VerifiedDigest newer, VerifiedDigest older) {
        return VerifiedDigest.checkLink(newer.previous(), newer.ownChecksPassed(), newer.location(), older.sha256(),
                older.signature(), older.ownChecksPassed(), older.location());
    }

    private List<Failure> failuresOf(VerifiedDigest digest) {
        List<Failure> failures = new ArrayList<>(digest.failures());
        predecessorOf(digest).ifPresent(older -> failures.addAll(link(digest, older).onNewer()));
        for (VerifiedDigest newer : successorsOf(digest.key())) {
            failures.addAll(link(newer, digest).onOlder());
        }
        return failures;
    }

    private Optional<String> gapOf(VerifiedDigest digest) {
        if (digest.backfill() || digest.previous() == null || state.digests().containsKey(digest.previous().key())
                || ChainStateFile.deliveredAt(digest.previous().key()).map(end -> end.isBefore(prunedBefore)).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of("the digest before " + digest.location() + " (" + digest.previous().key() + ") has not"
                + " been seen: the link cannot be checked until it arrives (" + digest.location()
                + " and its log files are judged on its own signature)");
    }
}
