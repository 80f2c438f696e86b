package org.cloudtrailopensearch.digest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one digest object that is already in hand (e.g. delivered by an S3 event notification) on its own, with
 * exactly the checks of a chain walk ({@link DigestVerifier}): gzip and JSON format, location, signature metadata,
 * public key, SHA256withRSA signature. No listing, no fetching: the link to the previous digest is checked with
 * {@link VerifiedDigest#checkLink} once both are known. Thread-safe if the key source is.
 *
 * <pre>{@code
 * SingleDigestVerifier verifier = new SingleDigestVerifier(publicKeys);
 * VerifiedDigest digest = verifier.verify("my-bucket", "AWSLogs/1111/CloudTrail-Digest/...json.gz",
 *         storedBytes, Map.of("signature", "...", "signature-algorithm", "SHA256withRSA"));
 * }</pre>
 */
public final class SingleDigestVerifier {

    /** Public keys are looked up around the digest's end time (the CLI also looks 2 hours past it, for rotations). */
    private static final Duration KEYS_BEFORE = Duration.ofHours(1);
    private static final Duration KEYS_AFTER = Duration.ofHours(2);
    private static final Pattern ORGANIZATION = Pattern.compile("^AWSLogs/(o-[a-z0-9]{10,32})/\\d{12}/");

    private final PublicKeySource keys;

    public SingleDigestVerifier(PublicKeySource keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * @param bucket        the bucket the object was read from; null for a file outside S3 (then only the key part
     *                      of {@code digestS3Object} is compared, as for a local folder)
     * @param objectKey     the object's full key (any prefix, then {@code AWSLogs/...})
     * @param stored        the object's bytes as stored (gzipped)
     * @param userMetadata  its S3 user metadata ({@code signature}, {@code signature-algorithm}, ...), lower-case names
     * @throws IOException  only when the key lookup itself fails (e.g. ListPublicKeys unreachable); every problem
     *                      with the digest is a failure of the result
     */
    public VerifiedDigest verify(String bucket, String objectKey, byte[] stored, Map<String, String> userMetadata)
            throws IOException {
        Objects.requireNonNull(objectKey, "objectKey");
        String key = IntegrityIndex.normalize(objectKey).orElse(objectKey);
        OneObjectSource source = new OneObjectSource(bucket, objectKey, key, stored, userMetadata);
        DigestName name = DigestName.parse(key).orElse(null);
        Instant end = name == null ? Instant.EPOCH : name.endTime();
        DigestFetcher fetcher = new DigestFetcher(source, null, 0, List.of());
        DigestRecord record = new DigestVerifier(source, keys)
                .verify(fetcher, key, name, end.minus(KEYS_BEFORE), end.plus(KEYS_AFTER));
        return toVerified(record, source, name);
    }

    private static VerifiedDigest toVerified(DigestRecord record, OneObjectSource source, DigestName name) {
        ChainId chain = null;
        if (name != null) {
            Matcher organization = ORGANIZATION.matcher(record.key);
            chain = new ChainId(organization.find() ? organization.group(1) : null, name.accountId(), name.region(),
                    name.trailName(), name.homeRegion());
        }
        VerifiedDigest.Previous previous = null;
        List<VerifiedDigest.NamedLogFile> logFiles = new ArrayList<>();
        List<Failure> failures = new ArrayList<>(record.failures);
        if (record.readable()) {
            String previousObject = record.text("previousDigestS3Object");
            if (previousObject != null) {
                previous = new VerifiedDigest.Previous(IntegrityIndex.normalize(previousObject).orElse(previousObject),
                        record.text("previousDigestHashValue"), record.text("previousDigestHashAlgorithm"),
                        record.text("previousDigestSignature"));
            }
            int index = 0;
            for (JsonNode logFile : record.json.get("logFiles")) {
                String object = logFile.path("s3Object").asText(null);
                if (object == null) {
                    failures.add(Failure.of(Check.DIGEST_FORMAT, "logFiles[" + index + "] has no s3Object"));
                } else {
                    logFiles.add(new VerifiedDigest.NamedLogFile(IntegrityIndex.normalize(object).orElse(object),
                            logFile.path("hashValue").asText(null), logFile.path("hashAlgorithm").asText(null)));
                }
                index++;
            }
        }
        return new VerifiedDigest(record.key, source.locationOf(record.key), chain, name != null && name.backfill(),
                record.startTime, record.endTime, record.sha256, record.metadataSignature, failures, previous, logFiles);
    }

    /** The one digest being verified, seen as a source: the verifier reads it and checks its location against it. */
    private static final class OneObjectSource implements TrailSource {
        private final String bucket;
        private final String objectKey;
        private final String key;
        private final byte[] stored;
        private final Map<String, String> userMetadata;

        OneObjectSource(String bucket, String objectKey, String key, byte[] stored, Map<String, String> userMetadata) {
            this.bucket = bucket;
            this.objectKey = objectKey;
            this.key = key;
            this.stored = Objects.requireNonNull(stored, "stored");
            this.userMetadata = userMetadata == null ? Map.of() : userMetadata;
        }

        @Override
        public String describe() {
            return locationOf(key);
        }

        @Override
        public String locationOf(String ignored) {
            return bucket == null ? objectKey : "s3://" + bucket + "/" + objectKey;
        }

        @Override
        public List<String> listChildren(String prefix) {
            return List.of();
        }

        @Override
        public List<ListedObject> listObjects(String prefix) {
            return List.of();
        }

        @Override
        public StoredObject open(String requested) throws IOException {
            if (!key.equals(requested)) {
                throw new ObjectNotFoundException(requested);
            }
            return new StoredObject(new ByteArrayInputStream(stored), userMetadata);
        }

        @Override
        public Optional<String> keyOf(String s3Bucket, String s3Object) {
            return IntegrityIndex.normalize(s3Object);
        }

        @Override
        public boolean isAt(String ignored, String s3Bucket, String s3Object) {
            if (bucket == null) {
                return s3Object != null && (s3Object.equals(key) || s3Object.endsWith("/" + key));
            }
            return bucket.equals(s3Bucket) && objectKey.equals(s3Object);
        }

        @Override
        public String expectedLocation(String ignored) {
            return bucket == null ? "<any bucket>/<any prefix>/" + key : bucket + "/" + objectKey;
        }
    }
}
