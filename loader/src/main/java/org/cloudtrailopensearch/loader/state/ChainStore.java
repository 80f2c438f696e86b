package org.cloudtrailopensearch.loader.state;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudtrailopensearch.digest.VerifiedDigest;
import org.cloudtrailopensearch.loader.state.ChainStateFile.LoggedFile;

/**
 * Where incremental (queue-mode) integrity validation keeps what it has seen: the digests verified (with what they
 * name) and the log files hashed while they were loaded, all addressed by key ({@code AWSLogs/...}). Two stores:
 * {@link ChainStateFile} (a local file, one worker process) and {@link IndexChainStore} (an index in the cluster
 * the workers share, any number of workers).
 *
 * <p>Contract that makes several writers safe: a call returns only when what it wrote is visible to every later
 * read, by any worker. Callers write their own fact first and read the others' after
 * ({@code validate.IncrementalIntegrity}), so of two workers acting at once on related facts the one that reads
 * second sees both. Implementations are thread-safe.
 */
public interface ChainStore extends AutoCloseable {

    /** For messages: where the state is kept and how much it holds, if known cheaply. */
    String describe();

    /** Records a log file (replacing an earlier entry with the same key). */
    void putLogFile(LoggedFile logged) throws IOException;

    /** The log files recorded under these keys (keys not recorded are absent from the map). */
    Map<String, LoggedFile> logFiles(Collection<String> keys) throws IOException;

    /**
     * Records a digest (replacing an earlier version with the same key), that it names each of its log files, and,
     * for an hourly digest, that it follows its predecessor.
     */
    void putDigest(VerifiedDigest digest) throws IOException;

    /** The digests recorded under these keys (keys not recorded are absent from the map). */
    Map<String, VerifiedDigest> digests(Collection<String> keys) throws IOException;

    /**
     * For each log-file key, the keys of the digests recorded as naming it, first recorded first (a key named by none
     * maps to an empty list or is absent). A digest redelivered with other content may no longer name the file: the
     * caller checks the digest itself.
     */
    Map<String, List<String>> namingDigests(Collection<String> logKeys) throws IOException;

    /** Keys of the digests recorded as naming {@code digestKey} as their predecessor (the caller checks them too). */
    List<String> successors(String digestKey) throws IOException;

    /** End time of the newest digest recorded, if any. */
    Optional<Instant> newestDigestEnd() throws IOException;

    /**
     * Forgets digests that ended before {@code before} and log files delivered before it (the time in their names),
     * with what points to them. Entries whose names carry no time are kept.
     *
     * @return how many entries were dropped, if known (-1 when not)
     */
    long prune(Instant before) throws IOException;

    /** Every digest recorded (for reports and tests; the index store answers from a search, after a refresh). */
    List<VerifiedDigest> allDigests() throws IOException;

    @Override
    void close();
}
