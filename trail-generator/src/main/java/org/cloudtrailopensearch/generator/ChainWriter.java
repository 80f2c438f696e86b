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
import java.util.ArrayList;
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

    /** Counts of one chain, summed by the generator. */
    record ChainStats(long logFiles, long records, long digests, long emptyDigests, long storedBytes,
                      long uncompressedLogBytes, Instant end) {
    }

    private record LogFileEntry(String key, String sha256, Instant oldest, Instant newest, long storedBytes,
                                long uncompressedBytes) {
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

    ChainWriter(TrailGenerator config, TrailSink sink, TrailLayout layout, SigningKeys keys, EventFactory events,
                Population population, String account, String region) {
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
            if (!emptyHour) {
                int files = config.logFilesPerHour();
                long intervalSeconds = HOUR.getSeconds() / files;
                for (int file = 0; file < files; file++) {
                    Instant delivered = windowStart.plusSeconds(file * intervalSeconds + 5
                            + random.nextInt((int) Math.max(1, intervalSeconds - 10)));
                    int count = eventsInFile(files);
                    if (count == 0) {
                        continue;
                    }
                    boolean stopLoggingHere = stopsAfterThisHour && file == files - 1;
                    LogFileEntry entry = writeLogFile(delivered, count, stopLoggingHere);
                    entries.add(entry);
                    logFiles++;
                    records += count + (stopLoggingHere ? 1 : 0);
                    stored += entry.storedBytes();
                    uncompressed += entry.uncompressedBytes();
                }
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
        return new ChainStats(logFiles, records, digests, emptyDigests, stored, uncompressed, windowStart);
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

    private LogFileEntry writeLogFile(Instant delivered, int count, boolean appendStopLogging) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(1024, count * 400));
        CountingSha256OutputStream hashing;
        Instant oldest = null;
        Instant newest = null;
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 65536)) {
            hashing = new CountingSha256OutputStream(gzip);
            try (JsonGenerator generator = JSON.getFactory().createGenerator(hashing, JsonEncoding.UTF8)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart("Records");
                for (int i = 0; i < count + (appendStopLogging ? 1 : 0); i++) {
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
        String key = layout.logKey(account, region, delivered, uniqueString());
        sink.put(key, bytes, Map.of());
        return new LogFileEntry(key, hashing.hexDigest(), oldest, newest, bytes.length, hashing.count());
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

    private String uniqueString() {
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
