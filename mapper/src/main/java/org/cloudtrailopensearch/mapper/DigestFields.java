package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Digest-file records (the hourly signed manifests) and CloudTrail Insights details. */
final class DigestFields {

    private static final String[][] TEXT_RENAMES = {
        {"previousDigestS3Object", "previous_s3_object"},
        {"previousDigestSignature", "previous_signature"},
        {"previousDigestHashValue", "previous_hash_value"},
        {"previousDigestS3Bucket", "previous_s3_bucket"},
        {"previousDigestHashAlgorithm", "previous_hash_algorithm"},
        {"digestS3Bucket", "s3_bucket"},
        {"digestSignatureAlgorithm", "signature_algorithm"},
    };
    private static final String[][] DATE_RENAMES = {
        {"digestStartTime", "start_time"},
        {"digestEndTime", "end_time"},
        {"newestEventTime", "newest_event_time"},
        {"oldestEventTime", "oldest_event_time"},
    };

    private DigestFields() {
    }

    /** A digest file: an object with the digest's own fields instead of an event. */
    static boolean isDigest(JsonNode record) {
        return record.has("digestEndTime") || (record.has("digestS3Object") && record.has("logFiles"));
    }

    /** Returns the digest end time, which is the document's {@code @timestamp}. */
    static Instant map(MappingContext ctx) {
        EcsObject digest = new EcsObject();
        for (String[] rename : TEXT_RENAMES) {
            MappingContext.putText(digest, rename[1], ctx.inputText(rename[0]));
        }
        MappingContext.putText(digest, "public_key_fingerprint",
                EventFields.firstNonNull(ctx.inputText("digestPublicKeyFingerprint"), ctx.inputText("publicKeyFingerprint")));
        Instant endTime = null;
        for (String[] rename : DATE_RENAMES) {
            String value = ctx.inputText(rename[0]);
            if (value == null) {
                continue;
            }
            Instant instant = EcsDates.parseIso(value);
            if (instant == null) {
                throw new RecordRejectedException(RejectionReason.INVALID_EVENT_TIME, rename[0] + ": not an ISO-8601 date: " + value);
            }
            digest.put(rename[1], EcsDates.format(instant));
            if (rename[1].equals("end_time")) {
                endTime = instant;
            }
        }
        JsonNode logFiles = ctx.input("logFiles");
        if (logFiles != null) {
            digest.set("log_files", ctx.embed(logFiles));
        }
        MappingContext.addRelated(ctx.relatedHash, (String) digest.get("previous_hash_value"));
        MappingContext.putText(ctx.node("file"), "path", ctx.inputText("digestS3Object"));
        if (ctx.node("file").isEmpty()) {
            ctx.doc.remove("file");
        }
        ctx.node("aws", "cloudtrail", "flattened").set("digest", digest);
        return endTime;
    }

    static void mapInsight(MappingContext ctx) {
        JsonNode details = ctx.input("insightDetails");
        if (details != null) {
            ctx.node("aws", "cloudtrail", "flattened").set("insight_details", ctx.embed(details));
        }
    }
}
