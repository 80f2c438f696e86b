package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.digest.VerifiedDigest;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.loader.index.JsonCalls;
import org.cloudtrailopensearch.loader.state.ChainStateFile.LoggedFile;
import org.cloudtrailopensearch.loader.state.IndexChainStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chain state index on a real node: what one worker writes another reads at once by id, even with refresh
 * turned off (no refresh race); digests naming the same log file recorded at the same time all stay; pruning
 * drops what is older than the horizon; the index is ours alone (one shard, strict mapping, no data template).
 */
@ExtendWith(OpenSearchNodeExtension.class)
class IndexChainStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/";
    private static final String DIGESTS = "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/05/";

    @Test
    void whatOneWorkerWritesAnotherReadsAtOnceByIdWithoutARefresh(OpenSearchCluster cluster) throws Exception {
        IndexChainStore first = IndexChainStore.open(cluster.client(), "it-chains-store");
        IndexChainStore second = IndexChainStore.open(cluster.client(), "it-chains-store");
        JsonCalls.call(cluster.client().generic(), "PUT", "/it-chains-store/_settings",
                "{\"index\":{\"refresh_interval\":\"-1\"}}");
        String logKey = logKey("20260105T0005Z");
        LogFileHash hash = LogFileHash.restore("ab".repeat(32), 42, null, null);

        first.putLogFile(new LoggedFile(logKey, "s3://b/" + logKey, hash, IntegrityStatus.DIGEST_PENDING, true));
        VerifiedDigest one = digest("20260105T010000Z", null, logKey);
        VerifiedDigest two = digest("20260105T020000Z", one.key(), logKey(("20260105T0105Z")));
        second.putDigest(one);
        second.putDigest(two);

        LoggedFile read = second.logFiles(List.of(logKey, logKey("20260105T0010Z"))).get(logKey);
        assertEquals(1, second.logFiles(List.of(logKey, logKey("20260105T0010Z"))).size());
        assertEquals(hash, read.hash());
        assertTrue(read.loaded());
        assertEquals(List.of(one.key()), first.namingDigests(List.of(logKey)).get(logKey));
        assertEquals(one, first.digests(List.of(one.key())).get(one.key()));
        assertEquals(List.of(two.key()), first.successors(one.key()));
        assertEquals(List.of(), first.successors(two.key()));
        assertEquals(0, cluster.client().count(c -> c.index("it-chains-store")).count(),
                "nothing searchable yet: every read above went by id");
    }

    @Test
    void digestsNamingOneLogFileRecordedAtOnceAllStay(OpenSearchCluster cluster) throws Exception {
        IndexChainStore store = IndexChainStore.open(cluster.client(), "it-chains-concurrent");
        String logKey = logKey("20260105T0005Z");
        List<VerifiedDigest> digests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            digests.add(digest("20260105T0" + i + "0000Z_backfill", null, logKey));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (VerifiedDigest digest : digests) {
                writes.add(pool.submit(() -> {
                    store.putDigest(digest);
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        store.putDigest(digests.get(0));

        List<String> naming = store.namingDigests(List.of(logKey)).get(logKey);
        assertEquals(8, naming.size(), naming.toString());
        assertEquals(new HashSet<>(digests.stream().map(VerifiedDigest::key).toList()), new HashSet<>(naming));
    }

    @Test
    void pruningDropsWhatIsOlderThanTheHorizonAndTheIndexIsOursAlone(OpenSearchCluster cluster) throws Exception {
        IndexChainStore store = IndexChainStore.open(cluster.client(), "it-chains-prune");
        String oldLog = logKey("20260105T0005Z");
        String newLog = logKey("20260105T0505Z");
        VerifiedDigest old = digest("20260105T010000Z", null, oldLog);
        VerifiedDigest recent = digest("20260105T060000Z", null, newLog);
        store.putDigest(old);
        store.putDigest(recent);
        LogFileHash hash = LogFileHash.restore("cd".repeat(32), 1, null, null);
        store.putLogFile(new LoggedFile(oldLog, oldLog, hash, IntegrityStatus.VALID, true));
        store.putLogFile(new LoggedFile(newLog, newLog, hash, IntegrityStatus.VALID, true));
        String timeless = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/unnamed.json.gz";
        store.putLogFile(new LoggedFile(timeless, timeless, hash, IntegrityStatus.VALID, true));
        assertEquals(Instant.parse("2026-01-05T06:00:00Z"), store.newestDigestEnd().orElseThrow());

        assertEquals(3, store.prune(Instant.parse("2026-01-05T03:00:00Z")), "the old digest, its named entry, its log");

        assertEquals(List.of(recent.key()), store.allDigests().stream().map(VerifiedDigest::key).toList());
        assertEquals(List.of(newLog, timeless), List.copyOf(store.logFiles(List.of(oldLog, newLog, timeless)).keySet()));
        assertFalse(store.namingDigests(List.of(oldLog)).containsKey(oldLog));

        JsonNode index = JSON.readTree(JsonCalls.call(cluster.client().generic(), "GET", "/it-chains-prune", null))
                .path("it-chains-prune");
        assertEquals("1", index.path("settings").path("index").path("number_of_shards").asText());
        assertEquals("0-1", index.path("settings").path("index").path("auto_expand_replicas").asText());
        assertEquals("strict", index.path("mappings").path("dynamic").asText());
        assertTrue(index.path("aliases").isEmpty(), "no data template (and its read alias) applies: " + index);
        assertThrows(IllegalArgumentException.class, () -> IndexChainStore.open(cluster.client(), "cloudtrail-chains"));
    }

    private static String logKey(String stamp) {
        return PREFIX + "111122223333_CloudTrail_us-east-1_" + stamp + "_abcdefghij012345.json.gz";
    }

    private static VerifiedDigest digest(String stamp, String previous, String... logKeys) {
        String name = stamp.replace("_backfill", "");
        String key = DIGESTS + "111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_" + stamp + ".json.gz";
        List<VerifiedDigest.NamedLogFile> named = new ArrayList<>();
        for (String logKey : logKeys) {
            named.add(new VerifiedDigest.NamedLogFile(logKey, "ab".repeat(32), "SHA-256"));
        }
        Instant end = Instant.parse(name.substring(0, 4) + "-" + name.substring(4, 6) + "-" + name.substring(6, 8) + "T"
                + name.substring(9, 11) + ":" + name.substring(11, 13) + ":00Z");
        return new VerifiedDigest(key, "s3://b/" + key, null, stamp.endsWith("_backfill"), end.minusSeconds(3600), end,
                "ef".repeat(32), "00", List.of(), previous == null ? null
                        : new VerifiedDigest.Previous(previous, "ef".repeat(32), "SHA-256", "00"), named);
        }
}
