package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.cloudtrailopensearch.mapper.PayloadRetention;
import org.cloudtrailopensearch.mapper.RecordContext;
import org.cloudtrailopensearch.mapper.RejectionReason;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.OriginalText;

/**
 * The mapping rules of one configured mapper: which ECS section derives what from a record, applied in document
 * order. The result is the document as {@link EcsObject}s; encoding it is the caller's (CloudTrailMapper's) part.
 * Immutable and thread-safe.
 *
 * <p>Internal: not part of the mapper's API.
 */
public final class RecordRules {

    /** The ECS version written to {@code ecs.version}. */
    public static final String ECS_VERSION = "8.11.0";
    /** Every top-level field may need cleaning (a record given as a tree). */
    private static final long ALL_FIELDS = -1L;

    private final GeoIpEnricher geoIp;
    private final UserAgentEnricher userAgents;
    private final Set<String> adminUsers;
    private final PayloadRetention payloadRetention;
    private final ActorTargetFields actorTargetFields;
    private final EventProfiles eventProfiles;
    private final String environment;
    private final Consumer<MappingContext> enrichment;

    /**
     * @param geoIp           whether to look source addresses up
     * @param cityDatabase    own GeoIP City database, or null for the embedded one
     * @param asnDatabase     own GeoIP ASN database, or null for the embedded one
     * @param userAgentCache  entries of the user-agent cache, or -1 to switch user-agent parsing off
     * @param environment     {@code labels.environment}, or null
     * @param enrichment      applied to every event record after the rules (threat indicators), or null
     */
    public RecordRules(boolean geoIp, Path cityDatabase, Path asnDatabase, int userAgentCache, Set<String> adminUsers,
            PayloadRetention payloadRetention, boolean actorTargetFields, String environment,
            Consumer<MappingContext> enrichment) {
        this.geoIp = !geoIp ? null
                : cityDatabase == null && asnDatabase == null ? GeoIpEnricher.embedded().withOwnCache()
                : GeoIpEnricher.fromFiles(cityDatabase, asnDatabase);
        this.userAgents = userAgentCache >= 0 ? new UserAgentEnricher(userAgentCache) : null;
        this.adminUsers = Set.copyOf(adminUsers);
        this.payloadRetention = payloadRetention;
        this.actorTargetFields = actorTargetFields ? new ActorTargetFields() : null;
        this.eventProfiles = new EventProfiles(new EventCategorizer(), this.actorTargetFields, new RequestFields());
        this.environment = environment;
        this.enrichment = enrichment;
    }

    /** A mapped record: the document, and what a caller needs to place it without reading it back. */
    public record Mapped(EcsObject json, Instant timestamp, String eventId) {
    }

    /**
     * Maps a record given as a tree.
     *
     * @throws RecordRejectedException when the record is not an object or does not map
     */
    public Mapped map(JsonNode record, boolean ownsInput, OriginalText original, RecordContext context, Instant created) {
        RecordShape.requireObject(record);
        return map(TopField.read(record), ALL_FIELDS, ownsInput, original, context, created);
    }

    /**
     * Maps a record given as its top-level fields.
     *
     * @param fields       the record's top-level fields ({@link TopField#read}, or RecordParser)
     * @param needCleaning which of them may hold values the clean-up removes (see MappingContext)
     * @param original     {@code event.original}, or null
     * @param created      {@code event.created}
     * @throws RecordRejectedException when the record does not map
     */
    public Mapped map(JsonNode[] fields, long needCleaning, boolean ownsInput, OriginalText original,
            RecordContext context, Instant created) {
        boolean digest = DigestFields.isDigest(fields);
        Instant eventTime = digest ? null : RecordShape.checkEvent(fields);
        MappingContext ctx = new MappingContext(fields, needCleaning, ownsInput, eventProfiles);

        ctx.doc.put("@timestamp", "");
        ctx.node("ecs").put("version", ECS_VERSION);
        if (environment != null) {
            ctx.node("labels").put("environment", environment);
        }
        if (digest) {
            eventTime = DigestFields.map(ctx);
            if (eventTime == null) {
                throw new RecordRejectedException(RejectionReason.MISSING_EVENT_TIME, "digestEndTime: missing");
            }
            EventFields.map(ctx);
        } else {
            EventFields.map(ctx);
            IdentityFields.map(ctx, adminUsers);
            NetworkFields.mapSourceAndUserAgent(ctx, geoIp, userAgents);
            NetworkFields.mapTls(ctx);
            PayloadFields.map(ctx, payloadRetention);
            DigestFields.mapInsight(ctx);
            RequestFields.map(ctx);
            RelatedFields.mapTargets(ctx);
            if (actorTargetFields != null) {
                actorTargetFields.map(ctx);
            }
        }
        RelatedFields.writeRelated(ctx);
        if (context.logFilePath() != null) {
            ctx.node("log", "file").put("path", context.logFilePath());
        }
        if (context.integrity() != null && !digest) {
            ctx.node("aws", "cloudtrail", "log_file").put("integrity", context.integrity());
        }
        if (!digest && enrichment != null) {
            enrichment.accept(ctx);
        }
        EcsObject aws = ctx.node("aws");
        if (aws.object("cloudtrail").isEmpty()) {
            // A bare record (e.g. an insight without details) leaves nothing under aws.cloudtrail.*
            aws.remove("cloudtrail");
            if (aws.isEmpty()) {
                ctx.doc.remove("aws");
            }
        }
        ctx.doc.put("@timestamp", EcsDates.format(eventTime));
        EcsObject event = ctx.node("event");
        event.put("created", EcsDates.formatNanos(created));
        if (original != null) {
            event.put("original", original);
        }
        return new Mapped(ctx.doc, eventTime, ctx.inputText(TopField.EVENT_ID));
    }
}
