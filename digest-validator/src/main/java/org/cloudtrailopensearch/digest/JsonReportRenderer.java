package org.cloudtrailopensearch.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The report as JSON (shape documented in digest-validator/README.md). */
public final class JsonReportRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReportRenderer() {
    }

    public static String render(ValidationReport report) {
        try {
            return JSON.writeValueAsString(toJson(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode toJson(ValidationReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("result", report.result().name());
        root.put("exitCode", report.exitCode());
        root.put("source", report.source());
        root.put("publicKeys", report.publicKeys());
        putInstant(root, "requestedStart", report.requestedStart());
        putInstant(root, "requestedEnd", report.requestedEnd());
        putInstant(root, "validatedAt", report.validatedAt());
        if (!report.logFilesHashed()) {
            // Only in chain-only runs, so the default report keeps its shape.
            root.put("logFilesHashed", false);
        }
        root.set("summary", summary(report.summary(), report.logFilesHashed()));
        ArrayNode chains = root.putArray("chains");
        for (ChainReport chain : report.chains()) {
            ObjectNode node = chains.addObject();
            node.put("organizationId", chain.chain().organizationId());
            node.put("accountId", chain.chain().accountId());
            node.put("region", chain.chain().region());
            node.put("trailName", chain.chain().trailName());
            node.put("homeRegion", chain.chain().homeRegion());
            ArrayNode digests = node.putArray("digests");
            for (DigestResult digest : chain.digests()) {
                ObjectNode d = digests.addObject();
                d.put("key", digest.key());
                d.put("location", digest.location());
                d.put("status", digest.status().name());
                d.put("backfill", digest.backfill());
                d.put("chainStart", digest.chainStart());
                d.put("empty", digest.empty());
                putInstant(d, "digestStartTime", digest.digestStartTime());
                putInstant(d, "digestEndTime", digest.digestEndTime());
                d.put("logFileCount", digest.logFileCount());
                failures(d, digest.failures());
            }
            ArrayNode gaps = node.putArray("gaps");
            for (Gap gap : chain.gaps()) {
                ObjectNode g = gaps.addObject();
                g.put("kind", gap.kind().name());
                putInstant(g, "from", gap.from());
                putInstant(g, "to", gap.to());
                g.put("detail", gap.detail());
                g.put("digest", gap.digestKey());
                g.put("nextDigest", gap.nextDigestKey());
            }
        }
        ArrayNode logFiles = root.putArray("logFiles");
        for (LogFileResult log : report.logFiles()) {
            ObjectNode l = logFiles.addObject();
            l.put("key", log.key());
            l.put("location", log.location());
            l.put("status", log.status().name());
            l.put("integrity", log.integrity().name());
            ArrayNode digestKeys = l.putArray("digests");
            log.digestKeys().forEach(digestKeys::add);
            l.put("expectedSha256", log.expectedSha256());
            l.put("actualSha256", log.actualSha256());
            l.put("uncompressedBytes", log.uncompressedBytes());
            failures(l, log.failures());
        }
        return root;
    }

    private static ObjectNode summary(Summary summary, boolean logFilesHashed) {
        ObjectNode node = JSON.createObjectNode();
        node.put("chains", summary.chains());
        ObjectNode digests = node.putObject("digests");
        digests.put("total", summary.digestsTotal());
        digests.put("valid", summary.digestsValid());
        digests.put("invalid", summary.digestsInvalid());
        digests.put("notFound", summary.digestsNotFound());
        digests.put("empty", summary.emptyDigests());
        ObjectNode backfill = node.putObject("backfillDigests");
        backfill.put("valid", summary.backfillDigestsValid());
        backfill.put("invalid", summary.backfillDigestsInvalid());
        ObjectNode logs = node.putObject("logFiles");
        logs.put("total", summary.logFilesTotal());
        logs.put("valid", summary.logFilesValid());
        logs.put("invalid", summary.logFilesInvalid());
        logs.put("notFound", summary.logFilesNotFound());
        logs.put("unreferenced", summary.logFilesUnreferenced());
        if (!logFilesHashed) {
            logs.put("notChecked", summary.logFilesNotChecked());
        }
        ObjectNode gaps = node.putObject("gaps");
        gaps.put("chainRestarted", summary.chainRestarts());
        gaps.put("chainBroken", summary.chainBreaks());
        node.put("uncompressedBytesHashed", summary.uncompressedBytesHashed());
        return node;
    }

    private static void failures(ObjectNode parent, List<Failure> failures) {
        ArrayNode array = parent.putArray("failures");
        for (Failure failure : failures) {
            ObjectNode f = array.addObject();
            f.put("check", failure.check().name());
            f.put("message", failure.check().description());
            f.put("expected", failure.expected());
            f.put("actual", failure.actual());
            f.put("detail", failure.detail());
        }
    }

    private static void putInstant(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }
}
