package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.cloudtrailopensearch.mapper.json.JsonBytes;
import org.cloudtrailopensearch.mapper.json.JsonValues;
import org.cloudtrailopensearch.mapper.json.OriginalText;
import org.cloudtrailopensearch.mapper.json.RecordParser;
import org.cloudtrailopensearch.mapper.rules.RecordRejectedException;
import org.cloudtrailopensearch.mapper.rules.RecordRules;

/**
 * Maps one AWS CloudTrail record to one Elastic Common Schema (ECS) document, compatible with Elastic's
 * AWS CloudTrail integration (see {@code mapper/README.md} and {@code mapper/CONFORMANCE.md}).
 *
 * <p>Build once, share everywhere: a mapper is immutable and thread-safe. Mapping never throws for bad input;
 * every record ends as either {@link MappingResult.Mapped} (a complete document) or {@link MappingResult.Rejected}
 * (a reason and a message naming the JSON path at fault).
 *
 * <pre>{@code
 * CloudTrailMapper mapper = CloudTrailMapper.builder().build();   // embedded GeoLite2, user-agent parsing
 * MappingResult result = mapper.map(recordBytes);
 * if (result instanceof MappingResult.Mapped mapped) {
 *     index(mapped.document());
 * } else if (result instanceof MappingResult.Rejected rejected) {
 *     deadLetter(rejected.reason(), rejected.message());
 * }
 * }</pre>
 */
public final class CloudTrailMapper {

    /** The ECS version written to {@code ecs.version}. */
    public static final String ECS_VERSION = RecordRules.ECS_VERSION;

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * For the record subtrees inside documents. They are plain JSON nodes, which only read configuration flags from
     * the provider, so one instance serves every thread instead of a new one per document.
     */
    private static final SerializerProvider NODE_SERIALIZERS = JSON.getSerializerProviderInstance();
    private static final RecordParser RECORDS = new RecordParser(JSON);

    private final int maxRecordBytes;
    private final Clock clock;
    private final boolean includeOriginal;
    private final RecordRules rules;

    private CloudTrailMapper(Builder builder) {
        this.maxRecordBytes = builder.maxRecordBytes;
        this.clock = builder.clock;
        this.includeOriginal = builder.includeOriginal;
        ThreatIndicators indicators = builder.threatIndicatorsFile != null
                ? ThreatIndicators.fromFile(builder.threatIndicatorsFile) : builder.threatIndicators;
        ThreatIndicators threats = indicators == null || indicators.size() == 0 ? null : indicators;
        this.rules = new RecordRules(builder.geoIpEnabled, builder.cityDatabase, builder.asnDatabase,
                builder.userAgentParsing ? builder.userAgentCacheSize : -1, builder.adminUsers, builder.payloadRetention,
                builder.actorTargetFields, builder.environment, threats == null ? null : threats::enrich);
    }

    /** A builder whose defaults give a fully working mapper (embedded GeoLite2, user agents, all payload forms). */
    public static Builder builder() {
        return new Builder();
    }

    /** Maps a record given as raw JSON bytes (e.g. one line of NDJSON). {@code event.original} is these bytes. */
    public MappingResult map(byte[] recordJson) {
        return asTree(mapToDocument(recordJson, RecordContext.none()));
    }

    /** Like {@link #map(byte[])}, with the record's provenance written into the document. */
    public MappingResult map(byte[] recordJson, RecordContext context) {
        return asTree(mapToDocument(recordJson, context));
    }

    /**
     * The fast path for indexing: maps a record given as raw JSON bytes and encodes the document once, as compact
     * UTF-8 JSON ({@link MappingResult.Encoded}), the same bytes as writing {@link #map(byte[], RecordContext)}'s
     * document with a default Jackson generator. No tree is built. Returns a {@link MappingResult.Rejected} when
     * the record does not map.
     */
    public MappingResult encode(byte[] recordJson, RecordContext context) {
        Object documentOrRejection = mapToDocument(recordJson, context);
        if (documentOrRejection instanceof RecordRules.Mapped document) {
            JsonBytes json = JsonBytes.forThread();
            document.json().encodeTo(json);
            return new MappingResult.Encoded(java.util.Arrays.copyOf(json.bytes(), json.size()), document.timestamp(),
                    document.eventId());
        }
        return (MappingResult) documentOrRejection;
    }

    /** Parses, validates and maps raw JSON: a {@link Document} or a {@link MappingResult.Rejected}. */
    private Object mapToDocument(byte[] recordJson, RecordContext context) {
        if (recordJson.length > maxRecordBytes) {
            return new MappingResult.Rejected(RejectionReason.TOO_LARGE,
                    "$: record is " + recordJson.length + " bytes, the limit is " + maxRecordBytes);
        }
        RecordParser.TopFields fields;
        JsonNode record = null;
        try {
            fields = RECORDS.topFields(recordJson);
            if (fields == null) { // not an object: read as a tree, which says what it is instead
                record = JSON.readTree(recordJson);
            }
        } catch (JsonProcessingException e) {
            return malformed(e);
        } catch (IOException e) {
            return new MappingResult.Rejected(RejectionReason.MALFORMED_JSON, e.getMessage());
        }
        if (fields == null && (record == null || record.isMissingNode())) {
            return new MappingResult.Rejected(RejectionReason.MALFORMED_JSON, "$: no JSON value (empty input)");
        }
        OriginalText original = includeOriginal ? originalText(recordJson) : null;
        return fields != null ? mapSafely(fields, true, original, context)
                : mapSafely(record, true, original, context);
    }

    /** Maps a record given as JSON text. */
    public MappingResult map(String recordJson) {
        return map(recordJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Maps a record given as a Jackson tree. The tree is not modified, and the document shares nothing with it.
     * {@code event.original} is the tree written as compact JSON.
     */
    public MappingResult map(JsonNode record) {
        return asTree(mapToDocument(record));
    }

    /** Maps a tree: a {@link Document} or a {@link MappingResult.Rejected}. */
    private Object mapToDocument(JsonNode record) {
        OriginalText original = null;
        if (record != null && includeOriginal && record.isObject()) {
            try {
                original = OriginalText.ofString(JSON.writeValueAsString(record));
            } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
                return new MappingResult.Rejected(RejectionReason.INTERNAL_ERROR,
                        "$: cannot serialise the record for event.original: " + e);
            }
            if (original.length() > maxRecordBytes) {
                return new MappingResult.Rejected(RejectionReason.TOO_LARGE,
                        "$: record is about " + original.length() + " bytes, the limit is " + maxRecordBytes);
            }
        }
        return mapSafely(record, false, original, RecordContext.none());
    }

    /**
     * Maps {@code recordJson} and, when it maps, writes the document to {@code out} (no separator is written) —
     * the same bytes as writing {@link #map(byte[])}'s document, but without building a Jackson tree first, which
     * makes it the fast path for indexing. Returns the result either way so the caller can report a rejection;
     * a {@link MappingResult.Mapped} returned from here carries an empty document, since the document went to
     * {@code out} instead.
     *
     * @throws IOException only when writing to {@code out} fails
     */
    public MappingResult mapTo(byte[] recordJson, JsonGenerator out) throws IOException {
        return write(mapToDocument(recordJson, RecordContext.none()), out);
    }

    /** Like {@link #mapTo(byte[], JsonGenerator)} for a record given as a tree. */
    public MappingResult mapTo(JsonNode record, JsonGenerator out) throws IOException {
        return write(mapToDocument(record), out);
    }

    private static MappingResult asTree(Object documentOrRejection) {
        if (documentOrRejection instanceof RecordRules.Mapped document) {
            return new MappingResult.Mapped(document.json().toTree());
        }
        return (MappingResult) documentOrRejection;
    }

    private static MappingResult write(Object documentOrRejection, JsonGenerator out) throws IOException {
        if (documentOrRejection instanceof RecordRules.Mapped document) {
            if (JsonBytes.fits(out)) {
                JsonBytes json = JsonBytes.forThread();
                document.json().encodeTo(json);
                out.writeRawValue(json);
            } else {
                document.json().writeTo(out, NODE_SERIALIZERS);
            }
            return new MappingResult.Mapped(JsonValues.NODES.objectNode());
        }
        return (MappingResult) documentOrRejection;
    }

    /** Maps a record given as a tree: its top-level fields, once it is known to be an object. */
    private Object mapSafely(JsonNode record, boolean ownsInput, OriginalText original, RecordContext context) {
        try {
            return rules.map(record, ownsInput, original, context, clock.instant());
        } catch (RecordRejectedException e) {
            return e.rejection();
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(e);
        }
    }

    /** Maps a record given as its top-level fields; whatever goes wrong becomes a rejection. */
    private Object mapSafely(RecordParser.TopFields fields, boolean ownsInput, OriginalText original,
            RecordContext context) {
        try {
            return rules.map(fields.values(), fields.needCleaning(), ownsInput, original, context, clock.instant());
        } catch (RecordRejectedException e) {
            return e.rejection();
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(e);
        }
    }

    private static MappingResult internalError(Throwable e) {
        return new MappingResult.Rejected(RejectionReason.INTERNAL_ERROR,
                "mapping failed with " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** The record's bytes without trailing line breaks and spaces (the NDJSON line end). */
    private static OriginalText originalText(byte[] json) {
        int end = json.length;
        while (end > 0 && (json[end - 1] == '\n' || json[end - 1] == '\r' || json[end - 1] == ' ')) {
            end--;
        }
        return OriginalText.ofUtf8(json, end);
    }

    private static MappingResult malformed(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new MappingResult.Rejected(RejectionReason.MALFORMED_JSON, "$: not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    /**
     * Options for a {@link CloudTrailMapper}. Every option has a working default; {@link #build()} fails fast
     * (IllegalStateException) on a missing or unreadable GeoIP database, admin-user file or threat indicator file.
     */
    public static final class Builder {
        private int maxRecordBytes = 8 * 1024 * 1024;
        private Clock clock = Clock.systemUTC();
        private boolean geoIpEnabled = true;
        private Path cityDatabase;
        private Path asnDatabase;
        private boolean userAgentParsing = true;
        private int userAgentCacheSize = 10_000;
        private final Set<String> adminUsers = new LinkedHashSet<>();
        private PayloadRetention payloadRetention = PayloadRetention.ALL;
        private boolean includeOriginal = true;
        private boolean actorTargetFields = true;
        private String environment;
        private ThreatIndicators threatIndicators;
        private Path threatIndicatorsFile;

        private Builder() {
        }

        /** Records larger than this (in bytes of JSON) are rejected as {@link RejectionReason#TOO_LARGE}. Default 8 MiB. */
        public Builder maxRecordBytes(int maxRecordBytes) {
            if (maxRecordBytes <= 0) {
                throw new IllegalArgumentException("maxRecordBytes must be positive");
            }
            this.maxRecordBytes = maxRecordBytes;
            return this;
        }

        /** The clock for {@code event.created} (the mapping time). Tests inject a fixed clock. */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Switches {@code source.geo.*} / {@code source.as.*} on or off. Default on. */
        public Builder geoIp(boolean enabled) {
            this.geoIpEnabled = enabled;
            return this;
        }

        /**
         * Own GeoIP2/GeoLite2 {@code .mmdb} files instead of the embedded 2019 GeoLite2 ones. Either may be null to
         * keep the embedded database for that lookup.
         */
        public Builder geoIpDatabases(Path cityDatabase, Path asnDatabase) {
            this.cityDatabase = cityDatabase;
            this.asnDatabase = asnDatabase;
            return this;
        }

        /** Switches {@code user_agent.*} parsing on or off ({@code user_agent.original} is always kept). Default on. */
        public Builder userAgentParsing(boolean enabled) {
            this.userAgentParsing = enabled;
            return this;
        }

        /** Distinct user agents whose parse is cached. Default 10,000; 0 disables the cache. */
        public Builder userAgentCacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("userAgentCacheSize must not be negative");
            }
            this.userAgentCacheSize = entries;
            return this;
        }

        /** User names whose events get {@code user.roles: ["admin"]}. Adds to earlier calls. */
        public Builder adminUsers(Collection<String> userNames) {
            userNames.stream().map(String::trim).filter(name -> !name.isEmpty()).forEach(adminUsers::add);
            return this;
        }

        /** Reads admin user names from a file: one per line, blank lines and {@code #} comments ignored. */
        public Builder adminUsersFile(Path file) {
            try {
                adminUsers(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.strip().startsWith("#")).toList());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read admin-user file " + file + ": " + e, e);
            }
            return this;
        }

        /** Which payload forms to keep. Default {@link PayloadRetention#ALL}. */
        public Builder payloadRetention(PayloadRetention retention) {
            this.payloadRetention = java.util.Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** Whether to keep the raw record in {@code event.original}. Default on (as Elastic's current pipeline). */
        public Builder includeOriginal(boolean include) {
            this.includeOriginal = include;
            return this;
        }

        /**
         * Whether to emit the actor/target entity fields ({@code actor.entity.id}, {@code target.entity.id},
         * typed {@code *.target.entity.id}, {@code related.entity}). Elastic emits them only with the
         * {@code actor_target_mapping} tag; default here: on.
         */
        public Builder actorTargetFields(boolean enabled) {
            this.actorTargetFields = enabled;
            return this;
        }

        /**
         * The environment every document is labelled with, {@code labels.environment} (e.g. {@code production}),
         * so that dashboards can filter one environment of several loaded into the same indices. Null or blank:
         * no label (the default). Surrounding white space is dropped.
         */
        public Builder environment(String environment) {
            this.environment = environment == null || environment.isBlank() ? null : environment.strip();
            return this;
        }

        /**
         * A threat-intelligence feed: records matching one of its indicators get {@code threat.enrichments} (see
         * {@link ThreatIndicators}). Null (the default) or an empty feed: no matching. Replaces an earlier
         * {@link #threatIndicatorsFile}.
         */
        public Builder threatIndicators(ThreatIndicators indicators) {
            this.threatIndicators = indicators;
            this.threatIndicatorsFile = null;
            return this;
        }

        /**
         * Like {@link #threatIndicators(ThreatIndicators)} with the feed read from a file by {@link #build()}
         * ({@link ThreatIndicators#fromFile}); an unreadable file or a malformed line fails {@code build()} with an
         * IllegalStateException naming the file and the line. Null: no feed. Replaces an earlier
         * {@link #threatIndicators(ThreatIndicators)}.
         */
        public Builder threatIndicatorsFile(Path file) {
            this.threatIndicatorsFile = file;
            this.threatIndicators = null;
            return this;
        }

        /**
         * Builds the mapper. Loads GeoIP databases (the embedded ones once per JVM), the user-agent regexes and the
         * threat indicator file, if one was given.
         *
         * @throws IllegalStateException when a configured database is missing or not a MaxMind database, or the
         *     threat indicator file cannot be read or has a malformed line
         * @throws UncheckedIOException when an embedded resource cannot be read
         */
        public CloudTrailMapper build() {
            return new CloudTrailMapper(this);
        }
    }
}
