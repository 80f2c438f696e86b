package org.cloudtrailopensearch.loader.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cloudtrailopensearch.digest.ChainId;
import org.cloudtrailopensearch.digest.Check;
import org.cloudtrailopensearch.digest.Failure;
import org.cloudtrailopensearch.digest.GzipFormatException;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.digest.VerifiedDigest;
import org.cloudtrailopensearch.loader.state.ChainStateFile.LoggedFile;

/**
 * The JSON form of a chain-state entry (a verified digest, a hashed log file), one form for both stores: a line of
 * {@link ChainStateFile} and the {@code entry} of an {@link IndexChainStore} document. {@code "t"} tells the kind
 * ({@code digest}, {@code log}).
 */
public final class ChainStateJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainStateJson() {
    }

    /** Whether {@code line} is a digest entry ({@link #digestOf}) or a log-file entry ({@link #logFileOf}), else null. */
    public static String kindOf(JsonNode line) {
        return line.path("t").asText(null);
    }

    public static ObjectNode lineOf(VerifiedDigest digest) {
        ObjectNode line = JSON.createObjectNode().put("t", "digest").put("key", digest.key())
                .put("location", digest.location()).put("backfill", digest.backfill())
                .put("start", text(digest.startTime())).put("end", text(digest.endTime()))
                .put("sha256", digest.sha256()).put("signature", digest.signature());
        if (digest.chain() != null) {
            ChainId chain = digest.chain();
            line.putObject("chain").put("organization", chain.organizationId()).put("account", chain.accountId())
                    .put("region", chain.region()).put("trail", chain.trailName()).put("home", chain.homeRegion());
        }
        ArrayNode failures = line.putArray("failures");
        for (Failure failure : digest.failures()) {
            failures.addObject().put("check", failure.check().name()).put("expected", failure.expected())
                    .put("actual", failure.actual()).put("detail", failure.detail());
        }
        if (digest.previous() != null) {
            VerifiedDigest.Previous previous = digest.previous();
            line.putObject("previous").put("key", previous.key()).put("hashValue", previous.hashValue())
                    .put("hashAlgorithm", previous.hashAlgorithm()).put("signature", previous.signature());
        }
        ArrayNode logFiles = line.putArray("logFiles");
        for (VerifiedDigest.NamedLogFile named : digest.logFiles()) {
            logFiles.addObject().put("key", named.key()).put("hash", named.expectedSha256())
                    .put("algorithm", named.hashAlgorithm());
        }
        return line;
    }

    public static VerifiedDigest digestOf(JsonNode line) {
        JsonNode chainNode = line.get("chain");
        ChainId chain = chainNode == null ? null : new ChainId(text(chainNode, "organization"),
                text(chainNode, "account"), text(chainNode, "region"), text(chainNode, "trail"), text(chainNode, "home"));
        List<Failure> failures = new ArrayList<>();
        for (JsonNode failure : line.withArray("failures")) {
            failures.add(new Failure(Check.valueOf(failure.get("check").asText()), text(failure, "expected"),
                    text(failure, "actual"), text(failure, "detail")));
        }
        JsonNode previousNode = line.get("previous");
        VerifiedDigest.Previous previous = previousNode == null || previousNode.isNull() ? null
                : new VerifiedDigest.Previous(text(previousNode, "key"), text(previousNode, "hashValue"),
                        text(previousNode, "hashAlgorithm"), text(previousNode, "signature"));
        List<VerifiedDigest.NamedLogFile> logFiles = new ArrayList<>();
        for (JsonNode named : line.withArray("logFiles")) {
            logFiles.add(new VerifiedDigest.NamedLogFile(text(named, "key"), text(named, "hash"), text(named, "algorithm")));
        }
        return new VerifiedDigest(line.get("key").asText(), text(line, "location"), chain,
                line.path("backfill").asBoolean(), instant(text(line, "start")), instant(text(line, "end")),
                text(line, "sha256"), text(line, "signature"), failures, previous, logFiles);
    }

    public static ObjectNode lineOf(LoggedFile logged) {
        LogFileHash hash = logged.hash();
        return JSON.createObjectNode().put("t", "log").put("key", logged.key()).put("path", logged.path())
                .put("sha256", hash.sha256Hex()).put("bytes", hash.uncompressedBytes())
                .put("problemKind", hash.problemKind() == null ? null : hash.problemKind().name())
                .put("problem", hash.problem()).put("mark", logged.mark().name()).put("loaded", logged.loaded());
    }

    public static LoggedFile logFileOf(JsonNode line) {
        String problemKind = text(line, "problemKind");
        LogFileHash hash = LogFileHash.restore(text(line, "sha256"), line.path("bytes").asLong(),
                problemKind == null ? null : GzipFormatException.Kind.valueOf(problemKind), text(line, "problem"));
        return new LoggedFile(line.get("key").asText(), line.get("path").asText(), hash,
                IntegrityStatus.valueOf(line.get("mark").asText()), line.path("loaded").asBoolean());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

}
