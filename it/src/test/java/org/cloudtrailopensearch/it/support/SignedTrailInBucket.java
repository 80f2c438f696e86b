package org.cloudtrailopensearch.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cloudtrailopensearch.it.support.S3Notifications.Created;
import org.cloudtrailopensearch.loader.cli.Main;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A signed trail (one account, us-east-1) generated into a bucket under {@code trail/}, with one log object replaced
 * after it was written by three records of other content, so that its digest proves it altered: what the queue-mode
 * integrity tests send notifications for.
 *
 * @param publicKeys  the trail's public keys, copied to a local file
 * @param logs        the log objects, by key
 * @param digests     the digest objects, by key
 * @param replacedKey the key of the replaced log object
 */
public record SignedTrailInBucket(Path publicKeys, List<Created> logs, List<Created> digests, String replacedKey) {

    /** @param replacedLog which log object (in key order) is replaced */
    public static SignedTrailInBucket generate(S3BucketExtension s3, String bucket, Path work, int hours,
            int eventsPerHour, long seed, int replacedLog) throws Exception {
        assertEquals(0, Main.run("generate", "--out", "s3://" + bucket + "/trail/", "--hours", String.valueOf(hours),
                "--accounts", "1", "--regions", "us-east-1", "--events-per-hour", String.valueOf(eventsPerHour),
                "--seed", String.valueOf(seed), "--endpoint-url", s3.endpoint().toString(),
                "--bucket-region", "us-east-1"));
        Path keys = work.resolve("public-keys.json");
        try (S3Client client = s3.client()) {
            Files.write(keys, client.getObjectAsBytes(g -> g.bucket(bucket).key("trail/public-keys.json")).asByteArray());
            String replaced = objects(client, bucket).stream().map(S3Object::key)
                    .filter(k -> k.contains("/CloudTrail/") && k.endsWith(".json.gz")).sorted()
                    .skip(replacedLog).findFirst().orElseThrow();
            client.putObject(p -> p.bucket(bucket).key(replaced),
                    RequestBody.fromBytes(Samples.gzip(Samples.bytes("three-records.json"))));
            List<Created> logs = new ArrayList<>();
            List<Created> digests = new ArrayList<>();
            for (S3Object object : objects(client, bucket)) {
                Created created = new Created(bucket, object.key(), object.size(), object.eTag());
                if (object.key().contains("/CloudTrail-Digest/")) {
                    digests.add(created);
                } else if (object.key().endsWith(".json.gz")) {
                    logs.add(created);
                }
            }
            logs.sort(Comparator.comparing(Created::key));
            digests.sort(Comparator.comparing(Created::key));
            return new SignedTrailInBucket(keys, List.copyOf(logs), List.copyOf(digests), replaced);
        }
    }

    private static List<S3Object> objects(S3Client client, String bucket) {
        return client.listObjectsV2Paginator(l -> l.bucket(bucket).prefix("trail/AWSLogs/")).contents().stream().toList();
    }
}
