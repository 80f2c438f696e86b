package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Validates a locally generated trail the way CloudTrail's validator would: every digest is signed with its
 * region's key over CloudTrail's signing string, chains link to the previous digest's hash and signature,
 * every log file a digest names exists and hashes right, its newest/oldest event times are the digest's, and
 * every log file is named by exactly one digest. Returns the problems (empty when the trail is sound).
 */
final class DigestCheck {

    private DigestCheck() {
    }

    private record Digest(Path file, JsonNode json, String sha256, String signature) {
    }

    static List<String> problems(Path root, SigningKeys keys) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, List<Digest>> chains = new HashMap<>();
        Set<String> listed = new HashSet<>();
        for (Path file : TrailFiles.files(root)) {
            if (!TrailFiles.isDigestFile(file)) {
                continue;
            }
            byte[] json = TrailFiles.gunzip(file);
            JsonNode digest = TrailFiles.JSON.readTree(json);
            JsonNode metadata = TrailFiles.JSON.readTree(file.resolveSibling(file.getFileName()
                    + LocalFolderSink.METADATA_SIDECAR_SUFFIX).toFile());
            String signature = metadata.get("signature").asText();
            String sha256 = DigestUtils.sha256Hex(json);
            String key = digest.get("digestS3Object").asText();
            String region = key.split("/CloudTrail-Digest/")[1].split("/")[0];
            String signing = digest.get("digestEndTime").asText() + "\n" + digest.get("digestS3Bucket").asText() + "/" + key
                    + "\n" + sha256 + "\n" + digest.get("previousDigestSignature").asText("null");
            if (!verifies(keys, region, signing, signature)) {
                problems.add("bad signature: " + key);
            }
            chains.computeIfAbsent(digest.get("awsAccountId").asText() + "/" + region, k -> new ArrayList<>())
                    .add(new Digest(file, digest, sha256, signature));
            Instant newest = null;
            Instant oldest = null;
            for (JsonNode logFile : digest.get("logFiles")) {
                String logKey = logFile.get("s3Object").asText();
                if (!listed.add(logKey)) {
                    problems.add("log file in two digests: " + logKey);
                }
                Path log = root.resolve(logKey);
                if (!Files.exists(log)) {
                    problems.add("missing log file: " + logKey);
                    continue;
                }
                byte[] content = TrailFiles.gunzip(log);
                if (!DigestUtils.sha256Hex(content).equals(logFile.get("hashValue").asText())) {
                    problems.add("log file hash differs: " + logKey);
                }
                Instant fileNewest = null;
                Instant fileOldest = null;
                for (JsonNode record : TrailFiles.JSON.readTree(content).get("Records")) {
                    Instant time = Instant.parse(record.get("eventTime").asText());
                    fileNewest = fileNewest == null || time.isAfter(fileNewest) ? time : fileNewest;
                    fileOldest = fileOldest == null || time.isBefore(fileOldest) ? time : fileOldest;
                }
                if (!String.valueOf(fileNewest).equals(logFile.get("newestEventTime").asText())
                        || !String.valueOf(fileOldest).equals(logFile.get("oldestEventTime").asText())) {
                    problems.add("event times differ: " + logKey);
                }
                newest = newest == null || fileNewest.isAfter(newest) ? fileNewest : newest;
                oldest = oldest == null || fileOldest.isBefore(oldest) ? fileOldest : oldest;
            }
            if (!String.valueOf(newest).equals(digest.get("newestEventTime").asText("null"))
                    || !String.valueOf(oldest).equals(digest.get("oldestEventTime").asText("null"))) {
                problems.add("digest event times differ: " + key);
            }
        }
        for (List<Digest> chain : chains.values()) {
            chain.sort(Comparator.comparing(d -> d.json().get("digestEndTime").asText()));
            for (int i = 1; i < chain.size(); i++) {
                Digest previous = chain.get(i - 1);
                JsonNode current = chain.get(i).json();
                if (current.get("previousDigestHashValue").isNull()) {
                    continue; // a new chain after a logging pause
                }
                if (!current.get("previousDigestHashValue").asText().equals(previous.sha256())
                        || !current.get("previousDigestSignature").asText().equals(previous.signature())
                        || !current.get("previousDigestS3Object").asText().equals(previous.json().get("digestS3Object").asText())) {
                    problems.add("chain broken before " + current.get("digestS3Object").asText());
                }
            }
        }
        for (Path file : TrailFiles.files(root)) {
            if (TrailFiles.isLogFile(file)) {
                String key = root.relativize(file).toString().replace('\\', '/');
                if (!listed.contains(key)) {
                    problems.add("log file in no digest: " + key);
                }
            }
        }
        return problems;
    }

    private static boolean verifies(SigningKeys keys, String region, String signing, String signatureHex) {
        try {
            Signature verifier = Signature.getInstance(SigningKeys.SIGNATURE_ALGORITHM);
            verifier.initVerify(keys.keyPair(region).getPublic());
            verifier.update(signing.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(HexFormat.of().parseHex(signatureHex));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
