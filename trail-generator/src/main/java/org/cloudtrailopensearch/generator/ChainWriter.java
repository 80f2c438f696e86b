package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Writes one account + region chain: the hour's log files, then the hour's digest naming them, linked to
 * the previous digest exactly as CloudTrail links them.
 */
final class ChainWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** Counts of one chain, summed by the generator, and where its planted records went. */
    record ChainStats(long logFiles, long records, long digests, long emptyDigests, long storedBytes,
                      long uncompressedLogBytes, Instant end, List<Placement> placements) {
    }

    /** A planted record and the key of the log file that carries it. */
    record Placement(Incident.Planted planted, String logKey) {
    }

    private record LogFileEntry(String key, String sha256, Instant oldest, Instant newest, long storedBytes,
                                long uncompressedBytes, int planted) {
    }

    /** What the next digest needs to know about the previous one. */
    private record PreviousDigest(String bucket, String key, String sha256, String signature) {
    }

    private final TrailGenerator config;
    private final TrailSink sink;
    private final TrailLayout layout;
    private final SigningKeys keys;
    private final EventFactory events;
    private final List<Actor> actors;
    private final String account;
    private final String region;
    private final boolean globalEventsHere;
    private final Random random;
    /** Planted records not yet written, by event time; they do not touch {@link #random}. */
    private final ArrayDeque<Incident.Planted> pending;
    private final Random plantedRandom;
    private final List<Placement> placements = new ArrayList<>();

    ChainWriter(TrailGenerator config, TrailSink sink, TrailLayout layout, SigningKeys keys, EventFactory events,
                Population population, String account, String region) {
        this(config, sink, layout, keys, events, population, account, region, List.of());
    }

    /**
     * @param planted records to add to this chain's log files (by event time): each goes into the first log
     *                file delivered at least 15 seconds after it, at a random place among the random records;
     *                an hour without log files gets log files for them alone. Drawn from a random source of
     *                their own, so the random activity stays exactly what it is without them.
     */
    ChainWriter(TrailGenerator config, TrailSink sink, TrailLayout layout, SigningKeys keys, EventFactory events,
                Population population, String account, String region, List<Incident.Planted> planted) {
        this.config = config;
        this.sink = sink;
        this.layout = layout;
        this.keys = keys;
        this.events = events;
        this.actors = population.actors(account);
        this.account = account;
        this.region = region;
        this.globalEventsHere = region.equals("us-east-1") || !config.regions().contains("us-east-1");
        this.random = new Random(config.seed() * 1_000_003L + (account + "/" + region).hashCode());
        this.pending = new ArrayDeque<>(planted);
        this.plantedRandom = new Random(config.seed() * 7_368_787L + (account + "/" + region).hashCode() + 0x1C1DE47L);
    }

    ChainStats write() throws IOException {
        // Digest windows do not start on the hour in real trails; each chain gets its own offset.
        Instant windowStart = config.start().plusSeconds(60 + random.nextInt(3480));
        PreviousDigest previous = null;
        long logFiles = 0;
        long records = 0;
        long digests = 0;
        long emptyDigests = 0;
        long stored = 0;
        long uncompressed = 0;
        for (int hour = 0; hour < config.hours(); hour++) {
            Instant windowEnd = windowStart.plus(HOUR);
            if (config.isLoggingPaused(hour)) {
                // Logging stopped: no logs, no digests, and the next digest starts a new chain.
                previous = null;
                windowStart = windowEnd;
                continue;
            }
            boolean emptyHour = random.nextInt(100) < config.emptyHourPercent();
            boolean stopsAfterThisHour = config.isLoggingPaused(hour + 1);
            List<LogFileEntry> entries = new ArrayList<>();
            int files = config.logFilesPerHour();
            long intervalSeconds = HOUR.getSeconds() / files;
            if (!emptyHour) {
                for (int file = 0; file < files; file++) {
                    Instant delivered = windowStart.plusSeconds(file * intervalSeconds + 5
                            + random.nextInt((int) Math.max(1, intervalSeconds - 10)));
                    int count = eventsInFile(files);
                    List<Incident.Planted> due = due(delivered);
                    if (count == 0 && due.isEmpty()) {
                        continue;
                    }
                    boolean stopLoggingHere = stopsAfterThisHour && file == files - 1 && count > 0;
                    entries.add(writeLogFile(delivered, count, stopLoggingHere, due));
                    records += count + (stopLoggingHere ? 1 : 0);
                }
            } else if (!pending.isEmpty()) {
                // No random activity this hour, but planted records still arrive about every 5 minutes.
                for (int file = 0; file < files; file++) {
                    Instant delivered = windowStart.plusSeconds(file * intervalSeconds + 5
                            + plantedRandom.nextInt((int) Math.max(1, intervalSeconds - 10)));
                    List<Incident.Planted> due = due(delivered);
                    if (!due.isEmpty()) {
                        entries.add(writeLogFile(delivered, 0, false, due));
                    }
                }
            }
            if (!pending.isEmpty() && (hour == config.hours() - 1 || stopsAfterThisHour)) {
                // Nothing is delivered after this hour: what happened before its end goes into one last file.
                List<Incident.Planted> due = new ArrayList<>();
                while (!pending.isEmpty() && pending.peek().eventTime().isBefore(windowEnd.minusSeconds(1))) {
                    due.add(pending.poll());
                }
                if (!due.isEmpty()) {
                    Instant latest = due.get(due.size() - 1).eventTime();
                    Instant delivered = latest.plusSeconds(60).isBefore(windowEnd) ? latest.plusSeconds(60)
                            : windowEnd.minusSeconds(1);
                    entries.add(writeLogFile(delivered, 0, false, due));
                }
            }
            for (LogFileEntry entry : entries) {
                logFiles++;
                records += entry.planted();
                stored += entry.storedBytes();
                uncompressed += entry.uncompressedBytes();
            }
            WrittenDigest current = writeDigest(windowStart, windowEnd, entries, previous);
            stored += current.storedBytes();
            digests++;
            if (entries.isEmpty()) {
                emptyDigests++;
            }
            previous = current.link();
            windowStart = windowEnd;
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("planted event at " + pending.peek().eventTime() + " falls outside the "
                    + account + " " + region + " log files (a logging pause or the end of the trail)");
        }
        return new ChainStats(logFiles, records, digests, emptyDigests, stored, uncompressed, windowStart,
                List.copyOf(placements));
    }

    /** The planted records a log file delivered at {@code delivered} carries. */
    private List<Incident.Planted> due(Instant delivered) {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Incident.Planted> due = new ArrayList<>();
        Instant cutoff = delivered.minusSeconds(15);
        while (!pending.isEmpty() && !pending.peek().eventTime().isAfter(cutoff)) {
            due.add(pending.poll());
        }
        return due;
    }

    private record WrittenDigest(PreviousDigest link, long storedBytes) {
    }

    private int eventsInFile(int files) {
        double mean = (double) config.eventsPerHour() / files;
        // Bursty activity: most files near the mean, some quiet, some busy.
        double factor = 0.4 + random.nextDouble() * 1.2;
        if (random.nextInt(20) == 0) {
            factor *= 3;
        }
        return (int) Math.round(mean * factor);
    }

    private LogFileEntry writeLogFile(Instant delivered, int count, boolean appendStopLogging,
                                      List<Incident.Planted> planted) throws IOException {
        // Each planted record goes before random record number slot (count: after all of them).
        int[] slots = new int[planted.size()];
        for (int p = 0; p < slots.length; p++) {
            slots[p] = plantedRandom.nextInt(count + 1);
        }
        Arrays.sort(slots);
        int nextPlanted = 0;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(1024, count * 400));
        CountingSha256OutputStream hashing;
        Instant oldest = null;
        Instant newest = null;
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 65536)) {
            hashing = new CountingSha256OutputStream(gzip);
            try (JsonGenerator generator = JSON.getFactory().createGenerator(hashing, JsonEncoding.UTF8)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart("Records");
                for (int i = 0; i < count + (appendStopLogging ? 1 : 0) || nextPlanted < slots.length; i++) {
                    while (nextPlanted < slots.length && slots[nextPlanted] <= i) {
                        Incident.Planted next = planted.get(nextPlanted++);
                        JSON.writeTree(generator, next.record());
                        oldest = oldest == null || next.eventTime().isBefore(oldest) ? next.eventTime() : oldest;
                        newest = newest == null || next.eventTime().isAfter(newest) ? next.eventTime() : newest;
                    }
                    if (i >= count + (appendStopLogging ? 1 : 0)) {
                        continue;
                    }
                    Instant eventTime = delivered.minusSeconds(15 + random.nextInt(300)).truncatedTo(ChronoUnit.SECONDS);
                    ObjectNode record = i == count ? stopLoggingRecord(eventTime)
                            : events.create(random, pickActor(), account, region, eventTime, globalEventsHere);
                    JSON.writeTree(generator, record);
                    oldest = oldest == null || eventTime.isBefore(oldest) ? eventTime : oldest;
                    newest = newest == null || eventTime.isAfter(newest) ? eventTime : newest;
                }
                generator.writeEndArray();
                generator.writeEndObject();
            }
        }
        byte[] bytes = compressed.toByteArray();
        // A file of planted records alone takes its name from their random source, keeping the main one intact.
        String key = layout.logKey(account, region, delivered, uniqueString(count == 0 ? plantedRandom : random));
        sink.put(key, bytes, Map.of());
        for (Incident.Planted p : planted) {
            placements.add(new Placement(p, key));
        }
        return new LogFileEntry(key, hashing.hexDigest(), oldest, newest, bytes.length, hashing.count(),
                planted.size());
    }

    /** The event CloudTrail records when someone stops the trail: its final digest still covers it. */
    private ObjectNode stopLoggingRecord(Instant eventTime) {
        Actor actor = actors.stream().filter(a -> a.type() == IdentityType.ASSUMED_ROLE).findFirst().orElse(actors.get(0));
        ObjectNode record = events.create(random, actor, account, region, eventTime, globalEventsHere);
        record.put("eventSource", "cloudtrail.amazonaws.com");
        record.put("eventName", "StopLogging");
        record.put("awsRegion", config.homeRegion());
        record.put("readOnly", false);
        record.remove("errorCode");
        record.remove("errorMessage");
        record.remove("resources");
        record.remove("additionalEventData");
        record.put("eventType", "AwsApiCall");
        record.putObject("requestParameters").put("name", "arn:aws:cloudtrail:" + config.homeRegion() + ":"
                + account + ":trail/" + config.trailName());
        record.putNull("responseElements");
        return record;
    }

    private Actor pickActor() {
        int roll = random.nextInt(100);
        IdentityType wanted;
        if (roll < 30) {
            wanted = IdentityType.AWS_SERVICE;
        } else if (roll < 62) {
            wanted = IdentityType.ASSUMED_ROLE;
        } else if (roll < 88) {
            wanted = IdentityType.IAM_USER;
        } else if (roll < 90) {
            // A quiet trail has no root activity: "root account used" must stay silent.
            wanted = config.securityEvents() ? IdentityType.ROOT : IdentityType.IAM_USER;
        } else if (roll < 94) {
            wanted = IdentityType.FEDERATED_USER;
        } else if (roll < 98) {
            wanted = IdentityType.IDENTITY_CENTER_USER;
        } else {
            wanted = IdentityType.AWS_ACCOUNT;
        }
        List<Actor> candidates = actors.stream().filter(a -> a.type() == wanted).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    static String uniqueString(Random random) {
        StringBuilder unique = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            unique.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return unique.toString();
    }

    private WrittenDigest writeDigest(Instant start, Instant end, List<LogFileEntry> entries, PreviousDigest previous)
            throws IOException {
        String key = layout.digestKey(account, region, end);
        ObjectNode digest = JSON.createObjectNode();
        digest.put("awsAccountId", account);
        digest.put("digestStartTime", start.toString());
        digest.put("digestEndTime", end.toString());
        digest.put("digestS3Bucket", sink.bucket());
        digest.put("digestS3Object", key);
        digest.put("digestPublicKeyFingerprint", keys.fingerprint(region));
        digest.put("digestSignatureAlgorithm", SigningKeys.SIGNATURE_ALGORITHM);
        Instant newest = entries.stream().map(LogFileEntry::newest).max(Instant::compareTo).orElse(null);
        Instant oldest = entries.stream().map(LogFileEntry::oldest).min(Instant::compareTo).orElse(null);
        putInstantOrNull(digest, "newestEventTime", newest);
        putInstantOrNull(digest, "oldestEventTime", oldest);
        digest.put("previousDigestS3Bucket", previous == null ? null : previous.bucket());
        digest.put("previousDigestS3Object", previous == null ? null : previous.key());
        digest.put("previousDigestHashValue", previous == null ? null : previous.sha256());
        digest.put("previousDigestHashAlgorithm", previous == null ? null : "SHA-256");
        digest.put("previousDigestSignature", previous == null ? null : previous.signature());
        ArrayNode logFiles = digest.putArray("logFiles");
        for (LogFileEntry entry : entries) {
            ObjectNode logFile = logFiles.addObject();
            logFile.put("s3Bucket", sink.bucket());
            logFile.put("s3Object", entry.key());
            logFile.put("hashValue", entry.sha256());
            logFile.put("hashAlgorithm", "SHA-256");
            logFile.put("newestEventTime", entry.newest().toString());
            logFile.put("oldestEventTime", entry.oldest().toString());
        }
        byte[] json = JSON.writeValueAsBytes(digest);
        String jsonSha256 = DigestUtils.sha256Hex(json);
        String signingString = end + "\n" + sink.bucket() + "/" + key + "\n" + jsonSha256 + "\n"
                + (previous == null ? "null" : previous.signature());
        String signature = keys.signHex(region, signingString.getBytes(StandardCharsets.UTF_8));
        byte[] gz = gzip(json);
        sink.put(key, gz, Map.of("signature", signature, "signature-algorithm", SigningKeys.SIGNATURE_ALGORITHM));
        return new WrittenDigest(new PreviousDigest(sink.bucket(), key, jsonSha256, signature), gz.length);
    }

    private static void putInstantOrNull(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
