package org.cloudtrailopensearch.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes a realistic, signed CloudTrail trail: gzipped log files and hourly chained digest files for every
 * account x region, in CloudTrail's key layout, plus the signing public keys as a ListPublicKeys response.
 * The output is a pure function of the configuration (including the seed).
 *
 * <pre>{@code
 * GenerationSummary summary = TrailGenerator.builder()
 *         .accounts(3).regions(List.of("us-east-1", "eu-west-1")).hours(24).seed(42).eventsPerHour(500)
 *         .build()
 *         .writeTo(Path.of("/tmp/trail"));          // or .writeTo(s3Client, "bucket", "prefix/")
 * }</pre>
 *
 * <p>Local output: {@code DIR/AWSLogs/...}, each digest's S3 user metadata in {@code <digest>.metadata.json}
 * (see {@link LocalFolderSink}), and {@code DIR/public-keys.json}. S3 output: objects below the prefix with
 * the signature as user metadata, and {@code <prefix>public-keys.json}.
 */
public final class TrailGenerator {

    /** Name of the ListPublicKeys-shaped key file written next to {@code AWSLogs/}. */
    public static final String PUBLIC_KEYS_FILE = "public-keys.json";
    /** With {@link Builder#incident(boolean)}: the threat-indicator feed ({@code INDICATOR,SOURCE} lines). */
    public static final String THREAT_INDICATORS_FILE = "threat-indicators.csv";
    /** With {@link Builder#incident(boolean)}: the admin users, one user name per line. */
    public static final String ADMIN_USERS_FILE = "admin-users.txt";
    /** With {@link Builder#incident(boolean)}: one JSON line per planted record. */
    public static final String PLANTED_EVENTS_FILE = "planted-events.ndjson";
    /** The {@code SOURCE} column of {@link #THREAT_INDICATORS_FILE}. */
    public static final String THREAT_FEED = "demo-feed";

    private final List<String> accountIds;
    private final int accounts;
    private final List<String> regions;
    private final String homeRegion;
    private final int hours;
    private final Instant start;
    private final long seed;
    private final int eventsPerHour;
    private final int logFilesPerHour;
    private final String trailName;
    private final String bucket;
    private final String organizationId;
    private final int emptyHourPercent;
    private final int pauseFromHour;
    private final int pauseHours;
    private final int threads;
    private final boolean securityEvents;
    private final boolean incident;

    private TrailGenerator(Builder builder) {
        this.accountIds = List.copyOf(builder.accountIds);
        this.accounts = builder.accountIds.isEmpty() ? builder.accounts : builder.accountIds.size();
        this.regions = List.copyOf(builder.regions);
        this.homeRegion = builder.homeRegion == null ? regions.get(0) : builder.homeRegion;
        this.hours = builder.hours;
        this.start = builder.start.truncatedTo(ChronoUnit.HOURS);
        this.seed = builder.seed;
        this.eventsPerHour = builder.eventsPerHour;
        this.logFilesPerHour = builder.logFilesPerHour;
        this.trailName = builder.trailName;
        this.bucket = builder.bucket;
        this.organizationId = builder.organizationId;
        this.emptyHourPercent = builder.emptyHourPercent;
        this.pauseFromHour = builder.pauseFromHour;
        this.pauseHours = builder.pauseHours;
        this.threads = builder.threads;
        this.securityEvents = builder.securityEvents;
        this.incident = builder.incident;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes the trail below {@code directory} ({@code directory/AWSLogs/...}, {@code directory/public-keys.json}). */
    public GenerationSummary writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        LocalFolderSink sink = new LocalFolderSink(directory, bucket);
        Path keyFile = directory.resolve(PUBLIC_KEYS_FILE);
        return generate(sink, keyFile.toString(), (keys, json) -> Files.write(keyFile, json));
    }

    /**
     * Writes the trail into {@code bucket} below {@code prefix} (may be empty). Digests name this bucket, and
     * the public keys go to {@code <prefix>public-keys.json} in the same bucket.
     */
    public GenerationSummary writeTo(S3Client s3, String bucket, String prefix) throws IOException {
        S3Sink sink = new S3Sink(s3, bucket, prefix);
        String keyObject = sink.prefix() + PUBLIC_KEYS_FILE;
        return generate(sink, sink.describe(keyObject), (keys, json) -> sink.put(keyObject, json, Map.of()));
    }

    /** The signing keys this configuration uses (derived from the seed): lets tests re-sign tampered digests. */
    public SigningKeys signingKeys() {
        return SigningKeys.derive(seed, regions);
    }

    @FunctionalInterface
    private interface KeyPublisher {
        void publish(SigningKeys keys, byte[] listPublicKeysJson) throws IOException;
    }

    private GenerationSummary generate(TrailSink sink, String keysLocation, KeyPublisher publisher) throws IOException {
        SigningKeys keys = signingKeys();
        Population population = new Population(seed, accounts, accountIds);
        EventFactory events = new EventFactory(securityEvents);
        TrailLayout layout = new TrailLayout(sink.prefix(), organizationId, trailName, homeRegion);
        Incident planned = incident ? Incident.plan(IncidentScript.bundled(), population, regions, trailName, seed,
                incidentStart()) : null;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<ChainWriter.ChainStats>> chains = new ArrayList<>();
        try {
            for (String account : population.accountIds()) {
                for (String region : regions) {
                    ChainWriter writer = new ChainWriter(this, sink, layout, keys, events, population, account, region,
                            planned == null ? List.of() : planned.plantedFor(account, region));
                    chains.add(pool.submit(writer::write));
                }
            }
            long logFiles = 0;
            long records = 0;
            long digests = 0;
            long empty = 0;
            long stored = 0;
            long uncompressed = 0;
            Instant end = start;
            List<ChainWriter.Placement> placements = new ArrayList<>();
            for (Future<ChainWriter.ChainStats> chain : chains) {
                ChainWriter.ChainStats stats = await(chain);
                logFiles += stats.logFiles();
                records += stats.records();
                digests += stats.digests();
                empty += stats.emptyDigests();
                stored += stats.storedBytes();
                uncompressed += stats.uncompressedLogBytes();
                end = stats.end().isAfter(end) ? stats.end() : end;
                placements.addAll(stats.placements());
            }
            long insightRecords = 0;
            if (planned != null) {
                IncidentFiles.write(planned, placements, sink);
                insightRecords = IncidentInsights.write(planned, IncidentInsights.bundled(), layout, sink, seed);
            }
            // Validity spans the whole run with a day of slack, like a key that was current throughout.
            publisher.publish(keys, keys.toListPublicKeysJson(start.minus(Duration.ofDays(1)), end.plus(Duration.ofDays(1))));
            return new GenerationSummary(logFiles, records, digests, empty, stored, uncompressed,
                    population.accountIds(), regions, start, end, keysLocation,
                    planned == null ? 0 : planned.planted().size(),
                    planned == null ? null : planned.start(), planned == null ? null : planned.end(), insightRecords);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ChainWriter.ChainStats await(Future<ChainWriter.ChainStats> chain) throws IOException {
        try {
            return chain.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("generation failed", cause);
        }
    }

    /**
     * Start of the incident hour: the hour starting 4 hours before the end of the trail (the first hour of
     * shorter trails), moved earlier if a logging pause would swallow part of it.
     */
    Instant incidentStart() {
        int hour = Math.max(0, hours - 4);
        while (hour > 0 && (isLoggingPaused(hour) || isLoggingPaused(hour - 1))) {
            hour--;
        }
        return start.plus(Duration.ofHours(hour));
    }

    boolean isLoggingPaused(int hour) {
        return pauseHours > 0 && hour >= pauseFromHour && hour < pauseFromHour + pauseHours;
    }

    List<String> regions() {
        return regions;
    }

    String homeRegion() {
        return homeRegion;
    }

    int hours() {
        return hours;
    }

    Instant start() {
        return start;
    }

    long seed() {
        return seed;
    }

    int eventsPerHour() {
        return eventsPerHour;
    }

    int logFilesPerHour() {
        return logFilesPerHour;
    }

    String trailName() {
        return trailName;
    }

    int emptyHourPercent() {
        return emptyHourPercent;
    }

    boolean securityEvents() {
        return securityEvents;
    }

    /** Builder with defaults: 2 accounts, us-east-1 + eu-west-1, 24 hours from 2026-01-05T00:00Z, seed 42. */
    public static final class Builder {
        private List<String> accountIds = List.of();
        private int accounts = 2;
        private List<String> regions = List.of("us-east-1", "eu-west-1");
        private String homeRegion;
        private int hours = 24;
        private Instant start = Instant.parse("2026-01-05T00:00:00Z");
        private long seed = 42;
        private int eventsPerHour = 240;
        private int logFilesPerHour = 12;
        private String trailName = "management-events";
        private String bucket = "aws-cloudtrail-logs-demo";
        private String organizationId;
        private int emptyHourPercent = 5;
        private int pauseFromHour;
        private int pauseHours;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean securityEvents = true;
        private boolean incident;

        private Builder() {
        }

        /** Number of accounts; ids derive from the seed. */
        public Builder accounts(int count) {
            this.accounts = requirePositive(count, "accounts");
            return this;
        }

        /** Explicit 12-digit account ids (instead of {@link #accounts(int)}). */
        public Builder accountIds(List<String> ids) {
            for (String id : ids) {
                if (!id.matches("\\d{12}")) {
                    throw new IllegalArgumentException("account id must have 12 digits: " + id);
                }
            }
            this.accountIds = List.copyOf(ids);
            return this;
        }

        /** Delivery regions; each account x region is its own digest chain. */
        public Builder regions(List<String> regions) {
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("at least one region");
            }
            this.regions = List.copyOf(regions);
            return this;
        }

        /** The trail's home region (appears in digest names); defaults to the first region. */
        public Builder homeRegion(String homeRegion) {
            this.homeRegion = Objects.requireNonNull(homeRegion);
            return this;
        }

        /** Hours of activity; one digest per hour per chain. */
        public Builder hours(int hours) {
            this.hours = requirePositive(hours, "hours");
            return this;
        }

        /** Start of the trail (truncated to the hour). */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Mean records per hour per account x region: the size knob (about 1.3 KB uncompressed per record). */
        public Builder eventsPerHour(int eventsPerHour) {
            this.eventsPerHour = requirePositive(eventsPerHour, "eventsPerHour");
            return this;
        }

        /** Log files delivered per hour per chain (CloudTrail: about every 5 minutes, so 12). */
        public Builder logFilesPerHour(int logFilesPerHour) {
            this.logFilesPerHour = requirePositive(logFilesPerHour, "logFilesPerHour");
            return this;
        }

        public Builder trailName(String trailName) {
            if (!trailName.matches("[A-Za-z0-9._-]{3,128}")) {
                throw new IllegalArgumentException("invalid trail name: " + trailName);
            }
            this.trailName = trailName;
            return this;
        }

        /** Bucket name that local-folder digests refer to (S3 output always uses the real bucket). */
        public Builder bucket(String bucket) {
            this.bucket = Objects.requireNonNull(bucket);
            return this;
        }

        /** Writes an organisation trail: {@code AWSLogs/<o-id>/<account>/...}. */
        public Builder organizationId(String organizationId) {
            if (organizationId != null && !organizationId.matches("o-[a-z0-9]{10,32}")) {
                throw new IllegalArgumentException("invalid organization id: " + organizationId);
            }
            this.organizationId = organizationId;
            return this;
        }

        /** Share of chain-hours without any log file (they still get an empty digest), 0..100. */
        public Builder emptyHourPercent(int percent) {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("emptyHourPercent must be 0..100");
            }
            this.emptyHourPercent = percent;
            return this;
        }

        /**
         * Stops logging in every chain for {@code hours} hours from hour {@code fromHour}: the last file before
         * holds the StopLogging event, no digests cover the pause, and a new chain starts afterwards.
         */
        public Builder loggingPause(int fromHour, int hours) {
            if (fromHour < 1 || hours < 0) {
                throw new IllegalArgumentException("pause must start after the first hour");
            }
            this.pauseFromHour = fromHour;
            this.pauseHours = hours;
            return this;
        }

        /**
         * Whether the random activity includes the rare security-relevant events (default true): console
         * logins, root activity, trail / GuardDuty / KMS tampering, public S3 grants, open security groups,
         * new access keys and users, admin policy attachments, deleted flow logs, and random AccessDenied
         * errors. {@code false} gives a quiet trail of everyday calls on which detections must stay silent
         * (the logging-pause StopLogging and the {@linkplain #incident(boolean) incident} are still written).
         */
        public Builder securityEvents(boolean securityEvents) {
            this.securityEvents = securityEvents;
            return this;
        }

        /**
         * Plants a scripted security incident (default false; off, the output is byte-identical to a generator
         * without this option). The incident happens in the first account, within one hour: the hour starting
         * 4 hours before the end of the trail (the first hour of shorter trails, earlier if a logging pause
         * covers it; see {@link GenerationSummary#incidentStart()}). Its 129 records (root activity,
         * console sign-in failures and sign-ins without MFA, trail / GuardDuty / Config / KMS / backup
         * tampering, IAM policy and identity changes, network and S3 exposure, an unauthorized-call burst,
         * a burst of secret reads, ...; the script is the resource {@code incident.ndjson}) go into the
         * regular log files of their chain (global services: us-east-1; others: the first region), so digests
         * cover them, in addition to the random activity, which does not change. Also writes
         * {@value #THREAT_INDICATORS_FILE}, {@value #ADMIN_USERS_FILE} and {@value #PLANTED_EVENTS_FILE} next
         * to {@code AWSLogs/}, and the CloudTrail Insights events the incident sets off (an API call rate and an
         * API error rate insight, Start and End records, in {@code CloudTrail-Insight/} files; see
         * {@link GenerationSummary#insightRecords()}). Deterministic for a seed.
         */
        public Builder incident(boolean incident) {
            this.incident = incident;
            return this;
        }

        /** Chains are written in parallel; output does not depend on this. */
        public Builder threads(int threads) {
            this.threads = requirePositive(threads, "threads");
            return this;
        }

        public TrailGenerator build() {
            return new TrailGenerator(this);
        }

        private static int requirePositive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1");
            }
            return value;
        }
    }
}
