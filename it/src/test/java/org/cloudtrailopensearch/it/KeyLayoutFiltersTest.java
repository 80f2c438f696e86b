package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.S3BucketExtension;
import org.cloudtrailopensearch.it.support.S3Requests;
import org.cloudtrailopensearch.it.support.Searches;
import org.cloudtrailopensearch.it.support.TrailRecords;
import org.cloudtrailopensearch.loader.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code load} with {@code --account}, {@code --region}, {@code --from}/{@code --to} and {@code --organization-id}
 * on a generated trail with several accounts and regions: exactly the selected records are indexed, and (in S3)
 * nothing outside the selection is listed or downloaded.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class KeyLayoutFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "filtered-trail";
    private static final String ORGANIZATION = "o-a1b2c3d4e5";
    private static final List<String> TRAIL = List.of("--hours", "60", "--accounts", "2", "--regions",
            "us-east-1,eu-west-1", "--events-per-hour", "20", "--log-files-per-hour", "2", "--seed", "11",
            "--start", "2026-01-05T00:00:00Z", "--empty-hour-percent", "0");
    @RegisterExtension
    static final S3BucketExtension s3 = new S3BucketExtension(BUCKET);

    @TempDir
    Path work;

    private static String[] args(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void onlyTheSelectedAccountRegionAndDaysAreListedReadAndIndexed(OpenSearchCluster cluster) throws Exception {
        String endpoint = s3.endpoint().toString();
        assertEquals(0, Main.run(args(List.of("generate", "--out", "s3://" + BUCKET + "/trail/", "--endpoint-url",
                endpoint, "--bucket-region", "us-east-1"), TRAIL.toArray(String[]::new))));
        Map<String, Long> recordsByKey = recordsOfLogObjects("trail/");
        Set<String> accounts = new TreeSet<>();
        recordsByKey.keySet().forEach(key -> accounts.add(key.split("/")[2]));
        assertEquals(2, accounts.size(), "the trail has two accounts: " + accounts);
        String account = accounts.iterator().next();
        String selected = "trail/AWSLogs/" + account + "/CloudTrail/eu-west-1/2026/01/06/";
        Set<String> selectedKeys = new TreeSet<>();
        long selectedRecords = 0;
        for (Map.Entry<String, Long> entry : recordsByKey.entrySet()) {
            if (entry.getKey().startsWith(selected)) {
                selectedKeys.add(entry.getKey());
                selectedRecords += entry.getValue();
            }
        }
        long allRecords = recordsByKey.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(selectedRecords > 0 && selectedRecords < allRecords / 4, selectedRecords + " of " + allRecords);
        s3.requests().clear();

        int exit = Main.run("load", "s3://" + BUCKET + "/trail/", "--account", account, "--region", "eu-west-1",
                "--from", "2026-01-06", "--to", "2026-01-06",
                "--endpoint-url", endpoint, "--bucket-region", "us-east-1",
                "--opensearch-url", cluster.url().toString(), "--dead-letter", work.resolve("dl.ndjson").toString());

        assertEquals(0, exit);
        assertEquals(selectedRecords, Searches.count(cluster.client(), "cloudtrail"));
        S3Requests requests = s3.requests();
        assertEquals(selectedKeys, new TreeSet<>(requests.reads()), "exactly the selected objects are downloaded");
        assertEquals(selectedKeys.size(), requests.reads().size(), "each of them once");
        for (S3Requests.Listing listing : requests.listings()) {
            if (listing.delimiter() == null) {
                assertTrue(listing.prefix().startsWith(selected), "a full listing outside the selection: " + listing);
            } else {
                assertTrue(!listing.prefix().contains("us-east-1") && accounts.stream()
                        .filter(other -> !other.equals(account)).noneMatch(listing.prefix()::contains),
                        "a folder listing outside the selection: " + listing);
            }
        }
    }

    @Test
    void anOrganisationTrailOnDiskIsFilteredTheSameWay(OpenSearchCluster cluster) throws Exception {
        Path trail = work.resolve("org-trail");
        assertEquals(0, Main.run(args(List.of("generate", "--out", trail.toString(), "--organization-id", ORGANIZATION),
                TRAIL.toArray(String[]::new))));
        long expected = 0;
        Set<String> eventIds = new HashSet<>();
        for (Map.Entry<Path, List<JsonNode>> file : TrailRecords.readByFile(trail).entrySet()) {
            String path = trail.relativize(file.getKey()).toString();
            if (path.startsWith("AWSLogs/" + ORGANIZATION + "/") && path.contains("/CloudTrail/us-east-1/2026/01/0")
                    && (path.contains("/2026/01/05/") || path.contains("/2026/01/06/"))) {
                expected += file.getValue().size();
                file.getValue().forEach(record -> eventIds.add(record.path("eventID").asText()));
            }
        }
        assertTrue(expected > 0);
        assertEquals(expected, eventIds.size(), "every selected record has its own event id");

        int exit = Main.run("load", trail.resolve("AWSLogs").toString(), "--organization-id", ORGANIZATION,
                "--region", "us-east-1", "--to", "2026-01-06",
                "--opensearch-url", cluster.url().toString(), "--dead-letter", work.resolve("dl.ndjson").toString());

        assertEquals(0, exit);
        assertEquals(expected, Searches.count(cluster.client(), "cloudtrail"));
    }

    @Test
    void withIntegrityTheDigestsOfTheSelectionAreValidatedAndLoadedToo(OpenSearchCluster cluster) throws Exception {
        Path trail = work.resolve("trail");
        assertEquals(0, Main.run(args(List.of("generate", "--out", trail.toString()), TRAIL.toArray(String[]::new))));
        String account;
        try (java.util.stream.Stream<Path> accounts = Files.list(trail.resolve("AWSLogs"))) {
            account = accounts.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
        String day = "AWSLogs/" + account + "/CloudTrail/eu-west-1/2026/01/06/";
        long logRecords = TrailRecords.readByFile(trail.resolve(day)).values().stream().mapToLong(List::size).sum();
        long digestFiles;
        try (java.util.stream.Stream<Path> digests = Files.list(trail.resolve(day.replace("/CloudTrail/", "/CloudTrail-Digest/")))) {
            digestFiles = digests.filter(p -> p.toString().endsWith(".json.gz")).count();
        }
        assertTrue(logRecords > 0 && digestFiles > 0);

        int exit = Main.run("load", trail.toString(), "--account", account, "--region", "eu-west-1",
                "--from", "2026-01-06", "--to", "2026-01-06", "--verify-integrity", "mark",
                "--public-keys", trail.resolve("public-keys.json").toString(),
                "--opensearch-url", cluster.url().toString(), "--dead-letter", work.resolve("dl.ndjson").toString());

        assertEquals(0, exit);
        assertEquals(logRecords + digestFiles, Searches.count(cluster.client(), "cloudtrail"));
        assertEquals(logRecords,
                Searches.count(cluster.client(), "cloudtrail", "aws.cloudtrail.log_file.integrity", "valid"),
                "every selected log file is proven unaltered by the digests of the selection");
    }

    /** Records per log object (not digests) below the prefix, read with plain Jackson. */
    private static Map<String, Long> recordsOfLogObjects(String prefix) throws IOException {
        Map<String, Long> records = new java.util.TreeMap<>();
        try (S3Client client = s3.client()) {
            for (S3Object object : client.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(prefix)).contents()) {
                if (object.key().contains("/CloudTrail/") && object.key().endsWith(".json.gz")) {
                    try (InputStream in = new GZIPInputStream(client.getObject(g -> g.bucket(BUCKET).key(object.key())))) {
                        records.put(object.key(), (long) JSON.readTree(in).path("Records").size());
                    }
                }
            }
        }
        return records;
    }
}
