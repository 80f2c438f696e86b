package org.cloudtrailopensearch.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Hex;

/**
 * Checks one digest on its own: readable, where it claims to be, signature metadata present, key known,
 * and the SHA256withRSA signature over the data-signing string.
 */
final class DigestVerifier {

    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    static final String HASH_ALGORITHM = "SHA-256";

    /** Digests are small (KBs to a few MB); anything far larger is not a digest. */
    private static final long MAX_DIGEST_BYTES = 256L * 1024 * 1024;
    private static final List<String> REQUIRED_FIELDS = List.of("digestStartTime", "digestEndTime", "digestS3Bucket",
            "digestS3Object", "digestPublicKeyFingerprint", "previousDigestSignature", "logFiles");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrailSource source;
    private final PublicKeySource keys;

    DigestVerifier(TrailSource source, PublicKeySource keys) {
        this.source = source;
        this.keys = keys;
    }

    /** Fetches (via {@code fetcher}) and checks the digest at {@code key}; {@code keyFrom}/{@code keyTo} bound the key lookup. */
    DigestRecord verify(DigestFetcher fetcher, String key, DigestName name, Instant keyFrom, Instant keyTo)
            throws IOException {
        DigestRecord digest = new DigestRecord(key, name);
        Instant lookupFrom = keyFrom;
        Instant lookupTo = keyTo;
        byte[] bytes;
        try {
            DigestFetcher.Fetched object = fetcher.fetch(key);
            digest.metadataSignature = object.userMetadata().get("signature");
            String metadataAlgorithm = object.userMetadata().get("signature-algorithm");
            if (metadataAlgorithm != null && !SIGNATURE_ALGORITHM.equals(metadataAlgorithm)) {
                digest.failures.add(new Failure(Check.SIGNATURE_ALGORITHM, SIGNATURE_ALGORITHM, metadataAlgorithm,
                        "signature-algorithm metadata"));
            }
            if (name != null && name.backfill()) {
                String generated = object.userMetadata().get("backfill-generation-timestamp");
                Instant generatedAt = parseInstant(generated);
                if (generatedAt == null) {
                    digest.failures.add(new Failure(Check.BACKFILL_METADATA, "an ISO-8601 instant", generated,
                            "backfill digest without a readable backfill-generation-timestamp metadata"));
                } else {
                    // A backfill digest is signed with the key current when it was generated, not at its end time.
                    lookupFrom = generatedAt.minus(Duration.ofHours(1));
                    lookupTo = generatedAt.plus(Duration.ofHours(1));
                }
            }
            ByteArrayOutputStream inflated = new ByteArrayOutputStream(Math.max(1024, object.stored().length * 8));
            StrictGzipReader.inflate(new ByteArrayInputStream(object.stored()), (buffer, offset, length) -> {
                if (inflated.size() + (long) length > MAX_DIGEST_BYTES) {
                    throw new IllegalStateException("digest larger than " + MAX_DIGEST_BYTES + " bytes uncompressed");
                }
                inflated.write(buffer, offset, length);
            });
            bytes = inflated.toByteArray();
        } catch (ObjectNotFoundException e) {
            digest.found = false;
            digest.failures.add(Failure.of(Check.DIGEST_NOT_FOUND, e.getMessage()));
            return digest;
        } catch (GzipFormatException | IllegalStateException e) {
            digest.failures.add(Failure.of(Check.DIGEST_FORMAT, e.getMessage()));
            return digest;
        } catch (IOException e) {
            digest.failures.add(Failure.of(Check.READ_ERROR, e.getMessage()));
            return digest;
        }
        digest.sha256 = sha256Hex(bytes);
        if (!parse(digest, bytes)) {
            return digest;
        }
        checkLocation(digest);
        verifySignature(digest, bytes, lookupFrom, lookupTo);
        return digest;
    }

    private static boolean parse(DigestRecord digest, byte[] bytes) {
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            digest.failures.add(Failure.of(Check.DIGEST_FORMAT, "not valid JSON: " + firstLine(e.getMessage())));
            return false;
        }
        if (json == null || !json.isObject()) {
            digest.failures.add(Failure.of(Check.DIGEST_FORMAT, "not a JSON object"));
            return false;
        }
        for (String field : REQUIRED_FIELDS) {
            if (!json.has(field) || (!field.equals("previousDigestSignature") && json.get(field).isNull())) {
                digest.failures.add(Failure.of(Check.DIGEST_FORMAT, "required field missing: " + field));
                return false;
            }
        }
        if (!json.get("logFiles").isArray()) {
            digest.failures.add(Failure.of(Check.DIGEST_FORMAT, "logFiles is not an array"));
            return false;
        }
        try {
            digest.startTime = Instant.parse(json.get("digestStartTime").asText());
            digest.endTime = Instant.parse(json.get("digestEndTime").asText());
        } catch (DateTimeParseException e) {
            digest.failures.add(Failure.of(Check.DIGEST_FORMAT, "invalid digestStartTime/digestEndTime: " + e.getMessage()));
            return false;
        }
        digest.json = json;
        digest.logFileCount = json.get("logFiles").size();
        digest.chainStart = digest.text("previousDigestS3Object") == null;
        return true;
    }

    private void checkLocation(DigestRecord digest) {
        String bucket = digest.text("digestS3Bucket");
        String object = digest.text("digestS3Object");
        if (!source.isAt(digest.key, bucket, object)) {
            digest.failures.add(new Failure(Check.DIGEST_LOCATION, source.expectedLocation(digest.key),
                    bucket + "/" + object, "digestS3Bucket/digestS3Object name another location"));
        }
    }

    private void verifySignature(DigestRecord digest, byte[] bytes, Instant keyFrom, Instant keyTo) throws IOException {
        String algorithm = digest.text("digestSignatureAlgorithm");
        if (algorithm != null && !SIGNATURE_ALGORITHM.equals(algorithm)) {
            digest.failures.add(new Failure(Check.SIGNATURE_ALGORITHM, SIGNATURE_ALGORITHM, algorithm,
                    "digestSignatureAlgorithm"));
            return;
        }
        if (digest.metadataSignature == null || digest.metadataSignature.isBlank()) {
            digest.failures.add(Failure.of(Check.SIGNATURE_METADATA,
                    "no 'signature' user metadata (x-amz-meta-signature or local sidecar)"));
            return;
        }
        String fingerprint = digest.text("digestPublicKeyFingerprint");
        String region = digest.name == null ? null : digest.name.region();
        Optional<PublicKey> key = keys.find(fingerprint, region, keyFrom, keyTo);
        if (key.isEmpty()) {
            digest.failures.add(new Failure(Check.PUBLIC_KEY, fingerprint, null,
                    "public key not found in region " + region + " for fingerprint " + fingerprint));
            return;
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Hex.decodeHex(digest.metadataSignature.trim());
        } catch (DecoderException e) {
            digest.failures.add(Failure.of(Check.SIGNATURE, "signature metadata is not hex"));
            return;
        }
        String previousSignature = digest.text("previousDigestSignature");
        // CloudTrail signs the literal "null" for a chain's first digest (matches AWS's Java implementation).
        String signingString = digest.text("digestEndTime") + "\n"
                + digest.text("digestS3Bucket") + "/" + digest.text("digestS3Object") + "\n"
                + sha256Hex(bytes) + "\n"
                + (previousSignature == null ? "null" : previousSignature);
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(key.get());
            verifier.update(signingString.getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(signatureBytes)) {
                digest.failures.add(Failure.of(Check.SIGNATURE,
                        "RSA signature does not match the data-signing string (content, location or chain altered)"));
            }
        } catch (GeneralSecurityException e) {
            digest.failures.add(Failure.of(Check.SIGNATURE, "signature verification error: " + e.getMessage()));
        }
    }

    private static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String sha256Hex(byte[] bytes) {
        MessageDigest sha256 = LogFileHasher.newSha256();
        return Hex.encodeHexString(sha256.digest(bytes));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
