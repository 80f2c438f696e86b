package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Validates CloudTrail log-file integrity from digest chains: source → discover chains → walk each chain
 * (signatures, links, log hashes) → find unreferenced logs → report. Without hashing
 * ({@link Builder#hashLogFiles(boolean) hashLogFiles(false)}) the walk checks the digests alone and the report's
 * {@link ValidationReport#expectations() expectations} judge each log file by the hash of the bytes a reader
 * actually read.
 *
 * <pre>{@code
 * try (TrailSource source = new LocalTrailSource(Path.of("/data/trail"))) {
 *     ValidationReport report = DigestValidator.builder()
 *             .source(source)
 *             .publicKeys(LocalPublicKeys.load(List.of(Path.of("/data/trail/public-keys.json"))))
 *             .build()
 *             .validate();
 *     IntegrityStatus status = report.integrity().statusOf("AWSLogs/123456789012/CloudTrail/...json.gz");
 * }
 * }</pre>
 *
 * Each account x delivery region x trail is its own chain; chains are walked concurrently and log files are
 * hashed on a bounded pool ({@link Builder#threads(int)}).
 */
public final class DigestValidator {

    private static final String LAYOUT_ROOT = "AWSLogs/";
    private static final DateTimeFormatter DAY_FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    /** Beyond this many days, listing the whole region prefix beats listing day by day. */
    private static final long MAX_DAYS_LISTED_INDIVIDUALLY = 400;

    private final TrailSource source;
    private final PublicKeySource publicKeys;
    private final Set<String> accounts;
    private final Set<String> regions;
    private final Set<String> organizationIds;
    private final Set<String> trailNames;
    private final Instant start;
    private final Instant end;
    private final int threads;
    private final boolean findUnreferenced;
    private final boolean hashLogFiles;

    private DigestValidator(Builder builder) {
        this.source = Objects.requireNonNull(builder.source, "source");
        this.publicKeys = Objects.requireNonNull(builder.publicKeys, "publicKeys");
        this.accounts = Set.copyOf(builder.accounts);
        this.regions = Set.copyOf(builder.regions);
        this.organizationIds = Set.copyOf(builder.organizationIds);
        this.trailNames = Set.copyOf(builder.trailNames);
        this.start = builder.start;
        this.end = builder.end;
        this.threads = builder.threads > 0 ? builder.threads
                : source instanceof S3TrailSource ? 32 : Math.max(1, Runtime.getRuntime().availableProcessors());
        this.findUnreferenced = builder.findUnreferenced;
        this.hashLogFiles = builder.hashLogFiles;
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("end time " + end + " is before start time " + start);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One account + delivery region folder: all trails' digest chains in it share the log folder. */
    private record Group(String organizationId, String accountId, String region) {
        String base() {
            return LAYOUT_ROOT + (organizationId == null ? "" : organizationId + "/") + accountId + "/";
        }
    }

    /** {@code coverage} is null when unreferenced files were not searched or the digests cover no period. */
    private record GroupOutcome(List<ChainWalker.Outcome> chains, List<LogFileResult> unreferenced,
                                LogFolderCoverage coverage) {
    }

    /**
     * Runs the validation.
     *
     * @throws IOException when the run cannot proceed (listing fails, public keys unavailable...): exit code 2
     */
    public ValidationReport validate() throws IOException {
        Instant validatedAt = Instant.now();
        List<Group> groups = discoverGroups();
        ExecutorService logPool = Executors.newFixedThreadPool(threads, named("digest-log-hash"));
        ExecutorService chainPool = Executors.newFixedThreadPool(Math.max(1, Math.min(groups.size(), 8)),
                named("digest-chain-walk"));
        // Separate from the log pool so read-ahead digests never queue behind thousands of log downloads.
        ExecutorService fetchPool = Executors.newFixedThreadPool(Math.max(2, Math.min(threads, 16)), named("digest-fetch"));
        try {
            LogFileChecker logs = new LogFileChecker(source, logPool, hashLogFiles);
            DigestVerifier verifier = new DigestVerifier(source, publicKeys);
            List<Future<GroupOutcome>> futures = new ArrayList<>();
            for (Group group : groups) {
                futures.add(chainPool.submit(() -> validateGroup(group, verifier, logs, fetchPool)));
            }
            List<ChainReport> chains = new ArrayList<>();
            List<LogFileResult> unreferenced = new ArrayList<>();
            List<LogFolderCoverage> coverage = new ArrayList<>();
            Map<String, DigestStatus> digestStatus = new HashMap<>();
            for (Future<GroupOutcome> future : futures) {
                GroupOutcome outcome = await(future);
                for (ChainWalker.Outcome chain : outcome.chains()) {
                    chains.add(chain.report());
                    chain.report().digests().forEach(d -> digestStatus.put(d.key(), d.status()));
                }
                unreferenced.addAll(outcome.unreferenced());
                if (outcome.coverage() != null) {
                    coverage.add(outcome.coverage());
                }
            }
            List<LogFileResult> logFiles = new ArrayList<>(logs.awaitAll(digestStatus));
            LogFileExpectations expectations = new LogFileExpectations(logs.expectations(digestStatus),
                    unreferenced.stream().map(LogFileResult::key).collect(Collectors.toSet()), coverage);
            logFiles.addAll(unreferenced);
            logFiles.sort(Comparator.comparing(LogFileResult::key));
            chains.sort(Comparator.comparing(ChainReport::chain, Comparator.comparing(ChainId::toString)));
            return new ValidationReport(source.describe(), publicKeys.describe(), start, end, validatedAt, hashLogFiles,
                    chains, logFiles, expectations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("validation interrupted", e);
        } finally {
            chainPool.shutdownNow();
            fetchPool.shutdownNow();
            logPool.shutdownNow();
        }
    }

    private static GroupOutcome await(Future<GroupOutcome> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("validation failed: " + e.getCause(), e.getCause());
        }
    }

    private List<Group> discoverGroups() throws IOException {
        List<Group> groups = new ArrayList<>();
        for (String top : source.listChildren(LAYOUT_ROOT)) {
            if (top.matches("o-[a-z0-9]{10,32}")) {
                if (!organizationIds.isEmpty() && !organizationIds.contains(top)) {
                    continue;
                }
                for (String account : source.listChildren(LAYOUT_ROOT + top + "/")) {
                    addAccount(groups, top, account);
                }
            } else if (organizationIds.isEmpty()) {
                addAccount(groups, null, top);
            }
        }
        return groups;
    }

    private void addAccount(List<Group> groups, String organizationId, String account) throws IOException {
        if (!account.matches("\\d{12}") || (!accounts.isEmpty() && !accounts.contains(account))) {
            return;
        }
        Group probe = new Group(organizationId, account, null);
        for (String region : source.listChildren(probe.base() + "CloudTrail-Digest/")) {
            if (regions.isEmpty() || regions.contains(region)) {
                groups.add(new Group(organizationId, account, region));
            }
        }
    }

    private GroupOutcome validateGroup(Group group, DigestVerifier verifier, LogFileChecker logs,
                                       ExecutorService fetchPool) throws IOException {
        Map<ChainId, List<ChainWalker.Listed>> chains = new LinkedHashMap<>();
        for (ListedObject object : list(group.base() + "CloudTrail-Digest/" + group.region() + "/")) {
            DigestName name = DigestName.parse(object.key()).orElse(null);
            if (name == null || !name.accountId().equals(group.accountId()) || !name.region().equals(group.region())
                    || (!trailNames.isEmpty() && !trailNames.contains(name.trailName())) || !inRange(name.endTime())) {
                continue;
            }
            ChainId id = new ChainId(group.organizationId(), group.accountId(), group.region(), name.trailName(),
                    name.homeRegion());
            chains.computeIfAbsent(id, k -> new ArrayList<>()).add(new ChainWalker.Listed(object.key(), name));
        }
        ChainWalker walker = new ChainWalker(source, verifier, logs, fetchPool, start);
        List<ChainWalker.Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<ChainId, List<ChainWalker.Listed>> chain : chains.entrySet()) {
            outcomes.add(walker.walk(chain.getKey(), chain.getValue()));
        }
        LogFolderCoverage coverage = findUnreferenced ? coverage(group, outcomes) : null;
        List<LogFileResult> unreferenced = coverage == null ? List.of() : unreferenced(coverage, logs.referencedKeys());
        return new GroupOutcome(outcomes, unreferenced, coverage);
    }

    /** Digests delivered up to an hour after the requested end still cover logs delivered before it. */
    private boolean inRange(Instant digestEnd) {
        return (start == null || !digestEnd.isBefore(start)) && (end == null || !digestEnd.isAfter(end.plus(Duration.ofHours(1))));
    }

    /**
     * The part of the group's log folder within the period its digests cover, or null when they cover none.
     * Files there that no digest names are unreferenced.
     */
    private LogFolderCoverage coverage(Group group, List<ChainWalker.Outcome> outcomes) {
        Instant from = outcomes.stream().map(ChainWalker.Outcome::coveredFrom).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        Instant to = outcomes.stream().map(ChainWalker.Outcome::coveredTo).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        if (from == null || to == null) {
            return null;
        }
        if (start != null && start.isAfter(from)) {
            from = start;
        }
        if (end != null && end.isBefore(to)) {
            to = end;
        }
        return new LogFolderCoverage(listingPrefixes(group.base() + "CloudTrail/" + group.region() + "/", from, to),
                from, to);
    }

    private List<LogFileResult> unreferenced(LogFolderCoverage coverage, Set<String> referenced) throws IOException {
        List<LogFileResult> found = new ArrayList<>();
        for (String prefix : coverage.listedFolders()) {
            for (ListedObject object : source.listObjects(prefix)) {
                if (referenced.contains(object.key()) || !coverage.deliveredWithin(object.key())) {
                    continue;
                }
                found.add(new LogFileResult(object.key(), source.locationOf(object.key()), LogFileStatus.UNREFERENCED,
                        IntegrityStatus.NOT_IN_ANY_DIGEST, List.of(), null, null, 0,
                        List.of(Failure.of(Check.NOT_IN_ANY_DIGEST, "present in the bucket between " + coverage.from()
                                + " and " + coverage.to() + " but named by no digest"))));
            }
        }
        return found;
    }

    private List<ListedObject> list(String prefix) throws IOException {
        if (start == null || end == null) {
            return source.listObjects(prefix);
        }
        return list(prefix, start.minus(Duration.ofDays(1)), end.plus(Duration.ofHours(1)));
    }

    private List<ListedObject> list(String prefix, Instant from, Instant to) throws IOException {
        List<ListedObject> objects = new ArrayList<>();
        for (String folder : listingPrefixes(prefix, from, to)) {
            objects.addAll(source.listObjects(folder));
        }
        return objects;
    }

    /** Only the day folders overlapping {@code [from, to]} when that is a bounded number of days, else the prefix. */
    private static List<String> listingPrefixes(String prefix, Instant from, Instant to) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        if (first.plusDays(MAX_DAYS_LISTED_INDIVIDUALLY).isBefore(last)) {
            return List.of(prefix);
        }
        List<String> folders = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            folders.add(prefix + DAY_FOLDERS.format(day.atStartOfDay(ZoneOffset.UTC)) + "/");
        }
        return folders;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Immutable configuration; accounts/regions/org ids/trails default to "all". */
    public static final class Builder {
        private TrailSource source;
        private PublicKeySource publicKeys;
        private Set<String> accounts = Set.of();
        private Set<String> regions = Set.of();
        private Set<String> organizationIds = Set.of();
        private Set<String> trailNames = Set.of();
        private Instant start;
        private Instant end;
        private int threads;
        private boolean findUnreferenced = true;
        private boolean hashLogFiles = true;

        private Builder() {
        }

        /** Where the trail lives: {@link S3TrailSource} or {@link LocalTrailSource}. */
        public Builder source(TrailSource source) {
            this.source = source;
            return this;
        }

        /** Where the signing keys come from: {@link CloudTrailPublicKeys} or {@link LocalPublicKeys}. */
        public Builder publicKeys(PublicKeySource publicKeys) {
            this.publicKeys = publicKeys;
            return this;
        }

        public Builder accounts(Collection<String> accounts) {
            this.accounts = Set.copyOf(accounts);
            return this;
        }

        /** Delivery regions; each is validated as its own chain. */
        public Builder regions(Collection<String> regions) {
            this.regions = Set.copyOf(regions);
            return this;
        }

        /** Organisation ids; when set, only org-trail paths {@code AWSLogs/<o-id>/...} are validated. */
        public Builder organizationIds(Collection<String> organizationIds) {
            this.organizationIds = Set.copyOf(organizationIds);
            return this;
        }

        public Builder trailNames(Collection<String> trailNames) {
            this.trailNames = Set.copyOf(trailNames);
            return this;
        }

        /** Validate digests ending at or after this instant (null: all). */
        public Builder startTime(Instant start) {
            this.start = start;
            return this;
        }

        /** Validate digests ending up to an hour after this instant (null: all). */
        public Builder endTime(Instant end) {
            this.end = end;
            return this;
        }

        /** Parallel log-file downloads/hashes (default: 32 for S3, one per core for local folders). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** Whether to list log folders for files no digest names (default true). */
        public Builder findUnreferenced(boolean findUnreferenced) {
            this.findUnreferenced = findUnreferenced;
            return this;
        }

        /**
         * Whether to read and hash every log file the digests name (default true). False validates the digests
         * alone (signatures, chain links, gaps, unreferenced files from listings) and opens no log file: the named
         * files are reported {@link LogFileStatus#NOT_CHECKED}, and a reader that hashes each file as it reads it
         * gets the file's verdict from {@link ValidationReport#expectations()}.
         */
        public Builder hashLogFiles(boolean hashLogFiles) {
            this.hashLogFiles = hashLogFiles;
            return this;
        }

        public DigestValidator build() {
            return new DigestValidator(this);
        }
    }
}
