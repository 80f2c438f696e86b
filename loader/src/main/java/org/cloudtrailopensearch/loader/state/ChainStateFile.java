package org.cloudtrailopensearch.loader.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cloudtrailopensearch.digest.ChainId;
import org.cloudtrailopensearch.digest.Check;
import org.cloudtrailopensearch.digest.Failure;
import org.cloudtrailopensearch.digest.GzipFormatException;
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
 * and rewrites the file compacted, atomically. Not thread-safe: its owner ({@code IncrementalIntegrity})
 * serialises calls.
 */
public final class ChainStateFile implements AutoCloseable {

    static final String HEADER = "# cloudtrail-opensearch chain state v1: one JSON line per digest checked"
            + " (\"t\":\"digest\") or log file hashed while loaded (\"t\":\"log\"), for incremental digest validation in"
            + " queue mode; a later line for the same key replaces an earlier one. Deleting the file forgets the chains:"
            + " documents already marked keep their marks, pending ones stay pending.";

    private static final ObjectMapper JSON = new ObjectMapper();

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
    private final FileLock lock;

    private ChainStateFile(Path file, Map<String, VerifiedDigest> digests, Map<String, LoggedFile> logFiles,
                           JsonLinesJournal journal, FileLock lock) {
        this.file = file;
        this.digests = digests;
        this.logFiles = logFiles;
        this.journal = journal;
        this.lock = lock;
    }

    /**
     * Opens (or creates) the state file.
     *
     * @throws IOException when it cannot be read or written, or is not a chain state file
     */
    public static ChainStateFile open(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        FileLock lock = lock(target);
        try {
            return open(target, lock);
        } catch (IOException | RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /**
     * The state lives in this process's memory, so two processes on one file would each miss what the other saw:
     * the file is held exclusively ({@code <file>.lock}) while open.
     */
    private static FileLock lock(Path target) throws IOException {
        FileChannel channel = FileChannel.open(target.resolveSibling(target.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the chain state " + target + " is in use by another worker; each worker process"
                    + " needs its own chain state file");
        }
        return lock;
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }

    private static ChainStateFile open(Path target, FileLock lock) throws IOException {
        Map<String, VerifiedDigest> digests = new LinkedHashMap<>();
        Map<String, LoggedFile> logFiles = new LinkedHashMap<>();
        for (JsonNode line : JsonLinesJournal.read(target, "# cloudtrail-opensearch chain state")) {
            try {
                switch (line.path("t").asText()) {
                    case "digest" -> {
                        VerifiedDigest digest = digestOf(line);
                        digests.remove(digest.key());
                        digests.put(digest.key(), digest);
                    }
                    case "log" -> {
                        LoggedFile logged = logFileOf(line);
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
        digests.values().forEach(d -> compacted.add(lineOf(d)));
        logFiles.values().forEach(l -> compacted.add(lineOf(l)));
        return compacted;
    }

    public Path file() {
        return file;
    }

    /** Digests seen, in arrival order (by key: {@code AWSLogs/...}). */
    public Map<String, VerifiedDigest> digests() {
        return java.util.Collections.unmodifiableMap(digests);
    }

    /** Log files hashed, by key ({@code AWSLogs/...}). */
    public Map<String, LoggedFile> logFiles() {
        return java.util.Collections.unmodifiableMap(logFiles);
    }

    /**
     * Forgets digests that ended before {@code before} and log files delivered before it (the delivery time in
     * their names), rewriting the file atomically: chains older than the retention are settled (a digest comes
     * about an hour after its logs), and the file and memory stay bounded.
     *
     * @return how many entries were dropped
     */
    public int prune(Instant before) throws IOException {
        int sizeBefore = digests.size() + logFiles.size();
        digests.values().removeIf(d -> d.endTime() != null && d.endTime().isBefore(before));
        logFiles.values().removeIf(l -> deliveredAt(l.key()).map(at -> at.isBefore(before)).orElse(false));
        int dropped = sizeBefore - digests.size() - logFiles.size();
        if (dropped > 0) {
            journal.close();
            journal = JsonLinesJournal.rewrite(file, HEADER, compactedLines(digests, logFiles));
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
    public void putDigest(VerifiedDigest digest) {
        journal.append(lineOf(digest));
        digests.remove(digest.key());
        digests.put(digest.key(), digest);
    }

    /** Records a log file (replacing an earlier entry with the same key); durable on return. */
    public void putLogFile(LoggedFile logged) {
        journal.append(lineOf(logged));
        logFiles.remove(logged.key());
        logFiles.put(logged.key(), logged);
    }

    @Override
    public void close() {
        try {
            journal.close();
        } finally {
            release(lock);
        }
    }

    private static ObjectNode lineOf(VerifiedDigest digest) {
        ObjectNode line = JSON.createObjectNode().put("t", "digest").put("key", digest.key())
                .put("location", digest.location()).put("backfill", digest.backfill())
                .put("start", text(digest.startTime())).put("end", text(digest.endTime()))
                .put("sha256", digest.sha256()).put("signature", digest.signature());
        if (digest.chain() != null) {
            ChainId chain = digest.chain();
            line.putObject("chain").put("organization", chain.organizationId()).put("account", chain.accountId())
                    .put("region", chain.region()).put("trail", chain.trailName()).put("home", chain.homeRegion());
        }
        ArrayNode failures = line.putArray("failures");
        for (Failure failure : digest.failures()) {
            failures.addObject().put("check", failure.check().name()).put("expected", failure.expected())
                    .put("actual", failure.actual()).put("detail", failure.detail());
        }
        if (digest.previous() != null) {
            VerifiedDigest.Previous previous = digest.previous();
            line.putObject("previous").put("key", previous.key()).put("hashValue", previous.hashValue())
                    .put("hashAlgorithm", previous.hashAlgorithm()).put("signature", previous.signature());
        }
        ArrayNode logFiles = line.putArray("logFiles");
        for (VerifiedDigest.NamedLogFile named : digest.logFiles()) {
            logFiles.addObject().put("key", named.key()).put("hash", named.expectedSha256())
                    .put("algorithm", named.hashAlgorithm());
        }
        return line;
    }

    private static VerifiedDigest digestOf(JsonNode line) {
        JsonNode chainNode = line.get("chain");
        ChainId chain = chainNode == null ? null : new ChainId(text(chainNode, "organization"),
                text(chainNode, "account"), text(chainNode, "region"), text(chainNode, "trail"), text(chainNode, "home"));
        List<Failure> failures = new ArrayList<>();
        for (JsonNode failure : line.withArray("failures")) {
            failures.add(new Failure(Check.valueOf(failure.get("check").asText()), text(failure, "expected"),
                    text(failure, "actual"), text(failure, "detail")));
        }
        JsonNode previousNode = line.get("previous");
        VerifiedDigest.Previous previous = previousNode == null || previousNode.isNull() ? null
                : new VerifiedDigest.Previous(text(previousNode, "key"), text(previousNode, "hashValue"),
                        text(previousNode, "hashAlgorithm"), text(previousNode, "signature"));
        List<VerifiedDigest.NamedLogFile> logFiles = new ArrayList<>();
        for (JsonNode named : line.withArray("logFiles")) {
            logFiles.add(new VerifiedDigest.NamedLogFile(text(named, "key"), text(named, "hash"), text(named, "algorithm")));
        }
        return new VerifiedDigest(line.get("key").asText(), text(line, "location"), chain,
                line.path("backfill").asBoolean(), instant(text(line, "start")), instant(text(line, "end")),
                text(line, "sha256"), text(line, "signature"), failures, previous, logFiles);
    }

    private static ObjectNode lineOf(LoggedFile logged) {
        LogFileHash hash = logged.hash();
        return JSON.createObjectNode().put("t", "log").put("key", logged.key()).put("path", logged.path())
                .put("sha256", hash.sha256Hex()).put("bytes", hash.uncompressedBytes())
                .put("problemKind", hash.problemKind() == null ? null : hash.problemKind().name())
                .put("problem", hash.problem()).put("mark", logged.mark().name()).put("loaded", logged.loaded());
    }

    private static LoggedFile logFileOf(JsonNode line) {
        String problemKind = text(line, "problemKind");
        LogFileHash hash = LogFileHash.restore(text(line, "sha256"), line.path("bytes").asLong(),
                problemKind == null ? null : GzipFormatException.Kind.valueOf(problemKind), text(line, "problem"));
        return new LoggedFile(line.get("key").asText(), line.get("path").asText(), hash,
                IntegrityStatus.valueOf(line.get("mark").asText()), line.path("loaded").asBoolean());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** For tests and reports: how many entries of each kind the state holds. */
    public String describe() {
        return file + " (" + digests.size() + " digests, " + logFiles.size() + " log files)";
    }
}
