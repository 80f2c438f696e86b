package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.cloudtrailopensearch.digest.Check;
import org.cloudtrailopensearch.digest.LocalPublicKeys;
import org.cloudtrailopensearch.digest.LocalTrailSource;
import org.cloudtrailopensearch.digest.PublicKeySource;
import org.cloudtrailopensearch.digest.SingleDigestVerifier;
import org.cloudtrailopensearch.digest.VerifiedDigest;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.Samples;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.IntegrityRemarker;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.run.LoadJob;
import org.cloudtrailopensearch.loader.run.IntegrityFollowUp;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.source.Listing;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity.DigestArrival;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue-mode integrity on a real node: a trail's log files are loaded through the pipeline before any digest
 * (documents marked {@code digest_pending}), then the digests arrive one by one, across a restart of the component,
 * and {@link IntegrityFollowUp} re-marks the documents: {@code valid}, {@code invalid} for an altered log file, {@code digest_invalid}
 * for the files of a digest whose signature was altered.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class QueueModeIntegrityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void logsLoadedBeforeTheirDigestsAreReMarkedWhenTheDigestsArrive(OpenSearchCluster cluster) throws Exception {
        Path trail = work.resolve("trail");
        long allRecords = TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(3).seed(23)
                .emptyHourPercent(0).build().writeTo(trail).records();
        PublicKeySource keys = LocalPublicKeys.load(List.of(trail.resolve("public-keys.json")));
        List<Path> digests = files(trail, "/CloudTrail-Digest/");
        Path alteredDigest = digests.get(1);
        List<Path> namedByAltered = named(trail, keys, alteredDigest);
        // Altered log: same records, one more byte of white space, in a file the first (intact) digest names.
        Path alteredLog = named(trail, keys, digests.get(0)).get(0);
        byte[] content = gunzip(alteredLog);
        Files.write(alteredLog, Samples.gzip((new String(content) + " ").getBytes()));
        long alteredRecords = records(alteredLog);
        long recordsOfAlteredDigest = 0;
        for (Path log : namedByAltered) {
            recordsOfAlteredDigest += records(log);
        }

        new IndexSetup(cluster.client(), true).apply(System.out);
        Path stateFile = work.resolve("chain-state.jsonl");
        IncrementalIntegrity integrity = IncrementalIntegrity.open(stateFile, keys);
        Listing logsOnly = Listing.of(new LocalLogObjectSource(trail.resolve("AWSLogs")).list().objects().stream()
                .filter(object -> !object.isDigest()).toList());
        LoadJobConfig config = LoadJobConfig.builder().deadLetterFile(work.resolve("dl.ndjson")).integrity(integrity)
                .build();
        LoadReport report = new LoadJob(config, CloudTrailMapper.builder().geoIp(false).build(), cluster.client())
                .run(new ListedSource(logsOnly));
        System.out.print(report.toText());
        IntegrityRemarker remarker = new IntegrityRemarker(cluster.client(), "cloudtrail", true);
        IntegrityFollowUp.DigestReader digestFiles = (bucket, key) -> new LocalTrailSource(trail).open(key);
        IntegrityFollowUp followUp = new IntegrityFollowUp(integrity, remarker, digestFiles, System.out);
        for (LogObject object : logsOnly.objects()) {
            assertEquals(0, followUp.objectFinished(object, null, object.key()).remarked(), "no digest yet");
        }
        assertEquals(allRecords, report.indexed(), report.toText());
        assertEquals(allRecords, countWithVerdict(cluster, "digest_pending"));

        long updated = followUp.objectFinished(digestObject(trail, digests.get(0)), null, key(trail, digests.get(0)))
                .remarked();
        // Restart: a new instance on the same state file still knows the hashes of the logs loaded before.
        integrity.close();
        integrity = IncrementalIntegrity.open(stateFile, keys);
        followUp = new IntegrityFollowUp(integrity, remarker, digestFiles, System.out);
        // Altered signature metadata (the local sidecar stands for the S3 object's x-amz-meta-signature).
        Path sidecar = alteredDigest.resolveSibling(alteredDigest.getFileName() + ".metadata.json");
        Map<String, String> forged = new HashMap<>(metadata(alteredDigest));
        String signature = forged.get("signature");
        forged.put("signature", (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));
        Files.write(sidecar, JSON.writeValueAsBytes(forged));
        IntegrityFollowUp.Outcome altered = followUp.objectFinished(digestObject(trail, alteredDigest), null,
                key(trail, alteredDigest));
        DigestArrival alteredArrival = altered.digest().orElseThrow();
        assertFalse(alteredArrival.valid());
        assertTrue(alteredArrival.failures().stream().anyMatch(f -> f.check() == Check.SIGNATURE),
                alteredArrival.failures().toString());
        updated += altered.remarked();
        for (Path digest : digests.subList(2, digests.size())) {
            IntegrityFollowUp.Outcome outcome = followUp.objectFinished(digestObject(trail, digest), null, key(trail, digest));
            assertTrue(outcome.digest().orElseThrow().valid(), outcome.digest().toString());
            updated += outcome.remarked();
        }
        integrity.close();

        long pending = countWithVerdict(cluster, "digest_pending");
        assertEquals(alteredRecords, countWithVerdict(cluster, "invalid"));
        assertEquals(recordsOfAlteredDigest, countWithVerdict(cluster, "digest_invalid"));
        assertEquals(allRecords - alteredRecords - recordsOfAlteredDigest - pending, countWithVerdict(cluster, "valid"));
        assertEquals(allRecords - pending, updated, "each document re-marked once");
        assertEquals(unnamedRecords(trail, keys, digests), pending, "only files no digest names stay pending");
        assertEquals(allRecords, Searches.count(cluster.client(), "cloudtrail"));
    }

    private static LogObject digestObject(Path trail, Path digest) throws Exception {
        return new LogObject(digest.toString(), key(trail, digest), Files.size(digest), "v", () -> Files.newInputStream(digest));
    }

    private static String key(Path trail, Path file) {
        return trail.relativize(file).toString().replace('\\', '/');
    }

    /** A listing already made. */
    private record ListedSource(Listing listing) implements LogObjectSource {
        @Override
        public Listing list() {
            return listing;
        }

        @Override
        public String describe() {
            return "log files without their digests";
        }
    }

    private static List<Path> named(Path trail, PublicKeySource keys, Path digest) throws Exception {
        VerifiedDigest verified = new SingleDigestVerifier(keys).verify(null, trail.relativize(digest).toString(),
                Files.readAllBytes(digest), metadata(digest));
        return verified.logFiles().stream().map(f -> trail.resolve(f.key())).toList();
    }

    private static long unnamedRecords(Path trail, PublicKeySource keys, List<Path> digests) throws Exception {
        Set<Path> named = new HashSet<>();
        for (Path digest : digests) {
            named.addAll(named(trail, keys, digest));
        }
        long records = 0;
        for (Path log : files(trail, "/CloudTrail/")) {
            if (!named.contains(log)) {
                records += records(log);
            }
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> metadata(Path digest) throws Exception {
        return JSON.readValue(Files.readAllBytes(digest.resolveSibling(digest.getFileName() + ".metadata.json")), Map.class);
    }

    private static List<Path> files(Path trail, String folder) throws Exception {
        try (Stream<Path> walk = Files.walk(trail.resolve("AWSLogs"))) {
            return walk.filter(f -> f.toString().endsWith(".json.gz") && f.toString().contains(folder)).sorted().toList();
        }
    }

    private static long records(Path log) throws Exception {
        return JSON.readTree(gunzip(log)).path("Records").size();
    }

    private static byte[] gunzip(Path file) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static long countWithVerdict(OpenSearchCluster cluster, String verdict) throws Exception {
        return Searches.count(cluster.client(), "cloudtrail", "aws.cloudtrail.log_file.integrity", verdict);
    }
}
