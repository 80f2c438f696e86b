package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Digest-file records (the hourly signed manifests) and CloudTrail Insights details. */
final class DigestFields {

    private static final TopField.Rename[] TEXT_RENAMES = {
        new TopField.Rename(TopField.PREVIOUS_DIGEST_S3_OBJECT, "previous_s3_object"),
        new TopField.Rename(TopField.PREVIOUS_DIGEST_SIGNATURE, "previous_signature"),
        new TopField.Rename(TopField.PREVIOUS_DIGEST_HASH_VALUE, "previous_hash_value"),
        new TopField.Rename(TopField.PREVIOUS_DIGEST_S3_BUCKET, "previous_s3_bucket"),
        new TopField.Rename(TopField.PREVIOUS_DIGEST_HASH_ALGORITHM, "previous_hash_algorithm"),
        new TopField.Rename(TopField.DIGEST_S3_BUCKET, "s3_bucket"),
        new TopField.Rename(TopField.DIGEST_SIGNATURE_ALGORITHM, "signature_algorithm"),
    };
    private static final TopField.Rename[] DATE_RENAMES = {
        new TopField.Rename(TopField.DIGEST_START_TIME, "start_time"),
        new TopField.Rename(TopField.DIGEST_END_TIME, "end_time"),
        new TopField.Rename(TopField.NEWEST_EVENT_TIME, "newest_event_time"),
        new TopField.Rename(TopField.OLDEST_EVENT_TIME, "oldest_event_time"),
    };

    private DigestFields() {
    }

    /** A digest file: an object with the digest's own fields instead of an event ({@code fields} from TopField.read). */
    static boolean isDigest(JsonNode[] fields) {
        return fields[TopField.DIGEST_END_TIME.ordinal()] != null
                || (fields[TopField.DIGEST_S3_OBJECT.ordinal()] != null && fields[TopField.LOG_FILES.ordinal()] != null);
    }

    /** Returns the digest end time, which is the document's {@code @timestamp}. */
    static Instant map(MappingContext ctx) {
        EcsObject digest = new EcsObject();
        for (TopField.Rename rename : TEXT_RENAMES) {
            MappingContext.putText(digest, rename.to(), ctx.inputText(rename.from()));
        }
        MappingContext.putText(digest, "public_key_fingerprint",
                EventFields.firstNonNull(ctx.inputText(TopField.DIGEST_PUBLIC_KEY_FINGERPRINT), ctx.inputText(TopField.PUBLIC_KEY_FINGERPRINT)));
        Instant endTime = null;
        for (TopField.Rename rename : DATE_RENAMES) {
            String value = ctx.inputText(rename.from());
            if (value == null) {
                continue;
            }
            Instant instant = EcsDates.parseIso(value);
            if (instant == null) {
                throw new RecordRejectedException(RejectionReason.INVALID_EVENT_TIME, rename.from().jsonName + ": not an ISO-8601 date: " + value);
            }
            RecordShape.requireAcceptedTime(rename.from().jsonName, instant);
            digest.put(rename.to(), EcsDates.format(instant));
            if (rename.from() == TopField.DIGEST_END_TIME) {
                endTime = instant;
            }
        }
        JsonNode logFiles = ctx.input(TopField.LOG_FILES);
        if (logFiles != null) {
            digest.set("log_files", ctx.embed(logFiles));
        }
        MappingContext.addRelated(ctx.relatedHash, (String) digest.get("previous_hash_value"));
        MappingContext.putText(ctx.node("file"), "path", ctx.inputText(TopField.DIGEST_S3_OBJECT));
        if (ctx.node("file").isEmpty()) {
            ctx.doc.remove("file");
        }
        ctx.node("aws", "cloudtrail", "flattened").set("digest", digest);
        return endTime;
    }

    /**
     * A CloudTrail Insights record: the details as a flattened copy, their searchable keys as keywords, and
     * {@code event.kind: alert} (ECS: a notable event raised by a detection rule — here CloudTrail's anomaly
     * detection). {@code event.action}/{@code event.provider}/{@code cloud.service.name} and the categorisation come
     * from the API call the insight is about (MappingContext takes it from {@code insightDetails}). An insight has
     * no outcome of its own (ECS leaves {@code event.outcome} out where it makes no sense), so none is written.
     */
    static void mapInsight(MappingContext ctx) {
        JsonNode details = ctx.input(TopField.INSIGHT_DETAILS);
        if (details == null) {
            return;
        }
        ctx.node("aws", "cloudtrail", "flattened").set("insight_details", ctx.embed(details));
        if (!details.isObject()) {
            return;
        }
        EcsObject event = ctx.node("event");
        event.put("kind", "alert");
        event.remove("outcome");
        EcsObject keys = ctx.node("aws", "cloudtrail", "insight_details");
        for (String[] rename : INSIGHT_RENAMES) {
            MappingContext.putText(keys, rename[1], JsonValues.text(details, rename[0]));
        }
        if (keys.isEmpty()) {
            ctx.node("aws", "cloudtrail").remove("insight_details");
        }
    }

    /** insightDetails key -> aws.cloudtrail.insight_details keyword (flattened leaves cannot be aggregated). */
    private static final String[][] INSIGHT_RENAMES = {
        {"state", "state"},
        {"insightType", "insight_type"},
        {"errorCode", "error_code"},
    };
}
