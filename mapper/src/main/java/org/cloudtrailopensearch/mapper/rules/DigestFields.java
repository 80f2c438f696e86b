package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.cloudtrailopensearch.mapper.RejectionReason;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * Digest-file records (the hourly signed manifests) and CloudTrail Insights details.
 */
final class DigestFields {

    private DigestFields() {
    }

    /** A digest file: an object with the digest's own fields instead of an event ({@code fields} from TopField.read). */
    static boolean isDigest(JsonNode[] fields) {
        return fields[TopField.DIGEST_END_TIME.index()] != null
                || (fields[TopField.DIGEST_S3_OBJECT.index()] != null && fields[TopField.LOG_FILES.index()] != null);
    }

    /** Returns the digest end time, which is the document's {@code @timestamp}. */
    static Instant map(MappingContext ctx) {
        EcsObject digest = new EcsObject();
        for (Renames.Rename rename : Renames.DIGEST.rows()) {
            MappingContext.putText(digest, rename.to(), ctx.inputText(rename.topField()));
        }
        MappingContext.putText(digest, "public_key_fingerprint",
                EventFields.firstNonNull(ctx.inputText(TopField.DIGEST_PUBLIC_KEY_FINGERPRINT), ctx.inputText(TopField.PUBLIC_KEY_FINGERPRINT)));
        Instant endTime = null;
        for (Renames.Rename rename : Renames.DIGEST_TIME.rows()) {
            String value = ctx.inputText(rename.topField());
            if (value == null) {
                continue;
            }
            Instant instant = EcsDates.parseIso(value);
            if (instant == null) {
                throw new RecordRejectedException(RejectionReason.INVALID_EVENT_TIME, rename.from() + ": not an ISO-8601 date: " + value);
            }
            RecordShape.requireAcceptedTime(rename.from(), instant);
            digest.put(rename.to(), EcsDates.format(instant));
            if (rename.topField() == TopField.DIGEST_END_TIME) {
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
        for (Renames.Rename rename : Renames.INSIGHT_DETAILS.rows()) {
            MappingContext.putText(keys, rename.to(), JsonValues.text(details, rename.from()));
        }
        if (keys.isEmpty()) {
            ctx.node("aws", "cloudtrail").remove("insight_details");
        }
    }
}
