package org.cloudtrailopensearch.loader.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.digest.VerifiedDigest;

/**
 * What incremental (queue-mode) integrity validation has seen, kept in one file so it survives restarts: every
 * digest checked (its own verdict, what it signed about its predecessor, the log files it names and their hashes),
 * and every log file hashed while it was loaded (its hash, the document path, the mark its documents got, whether
 * they all reached the index). Chains are the digests' {@link ChainId}s; links are found by digest key.
 *
 * <p>Crash safety: each change is one JSON line appended and forced to disk before the call returns (see
 * {@link JsonLinesJournal}); opening replays the lines (a later line for the same key replaces an earlier one)
 * and rewrites the file compacted, atomically. Everything is also held in memory, with lookups by the log files a
 * digest names and by the predecessor it names. One worker process per file (it is locked while open); for several
 * workers use {@link IndexChainStore}. Thread-safe (one lock).
 */
public final class ChainStateFile implements ChainStore {

    static final String HEADER = "# cloudtrail-opensearch chain state v1: one JSON line per digest checked"
            + " (\"t\":\"digest\") or log file hashed while loaded (\"t\":\"log\"), for incremental digest validation in"
            + " queue mode; a later line for the same key replaces an earlier one. Deleting the file forgets the chains:"
            + " documents already marked keep their marks, pending ones stay pending.";

    /** A log file hashed while it was loaded. */
    public record LoggedFile(String key, String path, LogFileHash hash, IntegrityStatus mark, boolean loaded) {
        public LoggedFile {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(mark, "mark");
        }
    }

    private final Path file;
    private final Map<String, VerifiedDigest> digests;
    private final Map<String, LoggedFile> logFiles;
    private JsonLinesJournal journal;
    private final LockFile lock;
    /** Log file key -> keys of the digests naming it, in arrival order. */
    private final Map<String, Set<String>> namedBy = new HashMap<>();
    /** Digest key -> keys of the digests naming it as their predecessor. */
    private final Map<String, Set<String>> successors = new HashMap<>();

    private ChainStateFile(Path file, Map<String, VerifiedDigest> digests, Map<String, LoggedFile> logFiles,
                           JsonLinesJournal journal, LockFile lock) {
        this.file = file;
        this.digests = digests;
        this.logFiles = logFiles;
        this.journal = journal;
        this.lock = lock;
        digests.values().forEach(this::index);
    }

    /**
     * Opens (or creates) the state file.
     *
     * @throws IOException when it cannot be read or written, or is not a chain state file
     */
    public static ChainStateFile open(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        // The state lives in this process's memory, so two processes on one file would each miss what the other saw.
        LockFile lock = LockFile.acquire(target, lockFile -> "the chain state " + target + " is in use by another"
                + " worker; each worker process needs its own chain state file; workers that share a queue share the"
                + " chain state index instead (worker --chain-state-index)");
        try {
            return open(target, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static ChainStateFile open(Path target, LockFile lock) throws IOException {
        Map<String, VerifiedDigest> digests = new LinkedHashMap<>();
        Map<String, LoggedFile> logFiles = new LinkedHashMap<>();
        for (JsonNode line : JsonLinesJournal.read(target, "# cloudtrail-opensearch chain state")) {
            try {
                switch (line.path("t").asText()) {
                    case "digest" -> {
                        VerifiedDigest digest = ChainStateJson.digestOf(line);
                        digests.remove(digest.key());
                        digests.put(digest.key(), digest);
                    }
                    case "log" -> {
                        LoggedFile logged = ChainStateJson.logFileOf(line);
                        logFiles.remove(logged.key());
                        logFiles.put(logged.key(), logged);
                    }
                    default -> {
                        // a line of a later version: ignored
                    }
                }
            } catch (RuntimeException e) {
                // a line that is not a complete entry (the fact it meant is learnt again when its object is redelivered)
            }
        }
        return new ChainStateFile(target, digests, logFiles,
                JsonLinesJournal.rewrite(target, HEADER, compactedLines(digests, logFiles)), lock);
    }

    private static List<ObjectNode> compactedLines(Map<String, VerifiedDigest> digests, Map<String, LoggedFile> logFiles) {
        List<ObjectNode> compacted = new ArrayList<>();
        digests.values().forEach(d -> compacted.add(ChainStateJson.lineOf(d)));
        logFiles.values().forEach(l -> compacted.add(ChainStateJson.lineOf(l)));
        return compacted;
    }

    public Path file() {
        return file;
    }

    /** Digests seen, in arrival order (by key: {@code AWSLogs/...}). */
    public synchronized Map<String, VerifiedDigest> digests() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(digests));
    }

    /** Log files hashed, by key ({@code AWSLogs/...}). */
    public synchronized Map<String, LoggedFile> logFiles() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(logFiles));
    }

    /**
     * Forgets digests that ended before {@code before} and log files delivered before it (the delivery time in
     * their names), rewriting the file atomically: chains older than the retention are settled (a digest comes
     * about an hour after its logs), and the file and memory stay bounded.
     *
     * @return how many entries were dropped
     */
    @Override
    public synchronized long prune(Instant before) throws IOException {
        int sizeBefore = digests.size() + logFiles.size();
        digests.values().removeIf(d -> d.endTime() != null && d.endTime().isBefore(before));
        logFiles.values().removeIf(l -> deliveredAt(l.key()).map(at -> at.isBefore(before)).orElse(false));
        int dropped = sizeBefore - digests.size() - logFiles.size();
        if (dropped > 0) {
            journal.close();
            journal = JsonLinesJournal.rewrite(file, HEADER, compactedLines(digests, logFiles));
            namedBy.clear();
            successors.clear();
            digests.values().forEach(this::index);
        }
        return dropped;
    }

    private static final java.util.regex.Pattern DELIVERY = java.util.regex.Pattern.compile("_(\\d{8}T\\d{4,6}Z)[_.]");

    /** The time in a CloudTrail log or digest file name ({@code ..._20260101T0005Z_...}, {@code ..._20260101T010000Z.json.gz}). */
    public static Optional<Instant> deliveredAt(String key) {
        java.util.regex.Matcher matcher = DELIVERY.matcher(key.substring(key.lastIndexOf('/') + 1));
        Instant found = null;
        while (matcher.find()) {
            String stamp = matcher.group(1);
            String iso = stamp.substring(0, 4) + "-" + stamp.substring(4, 6) + "-" + stamp.substring(6, 8) + "T"
                    + stamp.substring(9, 11) + ":" + stamp.substring(11, 13) + ":"
                    + (stamp.length() == 16 ? stamp.substring(13, 15) : "00") + "Z";
            try {
                found = Instant.parse(iso);
            } catch (java.time.DateTimeException e) {
                // not a time after all
            }
        }
        return Optional.ofNullable(found);
    }

    /** Records a digest (replacing an earlier version with the same key); durable on return. */
    @Override
    public synchronized void putDigest(VerifiedDigest digest) {
        journal.append(ChainStateJson.lineOf(digest));
        digests.remove(digest.key());
        digests.put(digest.key(), digest);
        index(digest);
    }

    /** Records a log file (replacing an earlier entry with the same key); durable on return. */
    @Override
    public synchronized void putLogFile(LoggedFile logged) {
        journal.append(ChainStateJson.lineOf(logged));
        logFiles.remove(logged.key());
        logFiles.put(logged.key(), logged);
    }

    @Override
    public synchronized Map<String, LoggedFile> logFiles(Collection<String> keys) {
        Map<String, LoggedFile> found = new LinkedHashMap<>();
        keys.forEach(key -> Optional.ofNullable(logFiles.get(key)).ifPresent(l -> found.put(key, l)));
        return found;
    }

    @Override
    public synchronized Map<String, VerifiedDigest> digests(Collection<String> keys) {
        Map<String, VerifiedDigest> found = new LinkedHashMap<>();
        keys.forEach(key -> Optional.ofNullable(digests.get(key)).ifPresent(d -> found.put(key, d)));
        return found;
    }

    @Override
    public synchronized Map<String, List<String>> namingDigests(Collection<String> logKeys) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        logKeys.forEach(key -> found.put(key, List.copyOf(namedBy.getOrDefault(key, Set.of()))));
        return found;
    }

    @Override
    public synchronized List<String> successors(String digestKey) {
        return List.copyOf(successors.getOrDefault(digestKey, Set.of()));
    }

    @Override
    public synchronized Optional<Instant> newestDigestEnd() {
        return digests.values().stream().map(VerifiedDigest::endTime).filter(Objects::nonNull).max(Instant::compareTo);
    }

    @Override
    public synchronized List<VerifiedDigest> allDigests() {
        return List.copyOf(digests.values());
    }

    /** Indexes a digest by the log files it names and by its predecessor, so lookups need no scan. */
    private void index(VerifiedDigest digest) {
        for (VerifiedDigest.NamedLogFile named : digest.logFiles()) {
            namedBy.computeIfAbsent(named.key(), k -> new LinkedHashSet<>()).add(digest.key());
        }
        if (!digest.backfill() && digest.previous() != null) {
            successors.computeIfAbsent(digest.previous().key(), k -> new LinkedHashSet<>()).add(digest.key());
        }
    }

    @Override
    public synchronized void close() {
        try (LockFile releasedLast = lock) {
            journal.close();
        } catch (IOException e) {
            // closing the lock file's channel releases the lock; the journal was forced line by line
        }
    }

    /** For tests and reports: how many entries of each kind the state holds. */
    @Override
    public synchronized String describe() {
        return file + " (" + digests.size() + " digests, " + logFiles.size() + " log files)";
    }
}
