package org.cloudtrailopensearch.loader;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.codec.digest.DigestUtils;
import org.cloudtrailopensearch.loader.deadletter.DeadLetter;
import org.cloudtrailopensearch.loader.deadletter.DeadLetterWriter;
import org.cloudtrailopensearch.loader.index.BulkIndexer;
import org.cloudtrailopensearch.loader.source.Listing;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.validate.IntegrityPolicy;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RecordContext;
import org.cloudtrailopensearch.loader.map.RecordMapping;
import org.cloudtrailopensearch.loader.read.CloudTrailFileReader;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.loader.read.RecordVisitor;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The batch job: source → read → map → index, with every record accounted for.
 *
 * <p>Reading and mapping run on the caller's thread, one object after another; the bulk ingester sends
 * requests concurrently and blocks the reader when the cluster falls behind.
 */
public final class LoadJob {

    /** The reason an object finished by an earlier run (see {@link LoadJobConfig#state()}) is not read again. */
    public static final String ALREADY_LOADED = "ALREADY_LOADED";

    private final LoadJobConfig config;
    private final CloudTrailMapper mapper;
    private final OpenSearchClient client;

    public LoadJob(LoadJobConfig config, CloudTrailMapper mapper, OpenSearchClient client) {
        this.config = Objects.requireNonNull(config);
        this.mapper = Objects.requireNonNull(mapper);
        this.client = Objects.requireNonNull(client);
    }

    /** Loads everything {@code source} lists. Throws only when the run cannot go on (e.g. listing fails). */
    public LoadReport run(LogObjectSource source) throws IOException {
        Instant started = Instant.now();
        LoadCounters counters = new LoadCounters();
        Set<String> indices = new TreeSet<>();
        Listing listing = source.list();
        listing.skipped().forEach(skipped -> counters.objectSkipped(skipped.reason()));
        CloudTrailFileReader reader = new CloudTrailFileReader(config.maxRecordBytes());
        try (DeadLetterWriter deadLetters = new DeadLetterWriter(config.deadLetterFile())) {
            ObjectCompletion completion = new ObjectCompletion(config.state(), deadLetters::flush);
            try (BulkIndexer indexer = new BulkIndexer(client, config.bulk(), counters, deadLetters,
                    record -> completion.documentSettled(record.source()))) {
                MapAndIndex pipeline = new MapAndIndex(counters, deadLetters, indexer, indices, completion);
                for (LogObject object : listing.objects()) {
                    if (config.state().isDone(object)) {
                        counters.objectSkipped(ALREADY_LOADED);
                        continue;
                    }
                    counters.objectOpened();
                    pipeline.decision = config.integrity().decide(object);
                    completion.readingStarted(object);
                    reader.read(object.name(), object::open, pipeline);
                    completion.readingFinished(object);
                }
            }
            if (config.refreshWhenDone() && !indices.isEmpty()) {
                client.indices().refresh(r -> r.index(List.copyOf(indices)));
            }
            return counters.snapshot(source.describe(),
                    deadLetters.file().map(Object::toString).orElse(null),
                    Duration.between(started, Instant.now()));
        }
    }

    /** The validate, map and index stages, fed record by record by the reader. */
    private final class MapAndIndex implements RecordVisitor {
        private final LoadCounters counters;
        private final DeadLetterWriter deadLetters;
        private final BulkIndexer indexer;
        private final Set<String> indices;
        private final ObjectCompletion completion;
        /** The integrity verdict for the object being read. */
        IntegrityPolicy.Decision decision;

        MapAndIndex(LoadCounters counters, DeadLetterWriter deadLetters, BulkIndexer indexer, Set<String> indices,
                ObjectCompletion completion) {
            this.completion = completion;
            this.counters = counters;
            this.deadLetters = deadLetters;
            this.indexer = indexer;
            this.indices = indices;
        }

        @Override
        public void onRecord(SourceRecord record) {
            counters.read();
            if (!decision.index()) {
                counters.skipped(decision.skipReason());
                return;
            }
            RecordContext context = RecordContext.of(record.source()).withIntegrity(decision.mark().orElse(null));
            MappingResult result = RecordMapping.encode(mapper, record, context);
            if (result instanceof MappingResult.Rejected rejected) {
                reject(record, rejected.reason().name(), rejected.message());
                return;
            }
            MappingResult.Encoded document = (MappingResult.Encoded) result;
            String index = config.indexForTimestamp().apply(document.timestamp());
            indices.add(index);
            completion.documentSent(record.source());
            indexer.index(index, documentId(document, record), document.json(), record);
        }

        @Override
        public void onFailure(ReadFailure failure) {
            counters.read();
            counters.deadLettered(failure.reason().name());
            deadLetters.write(new DeadLetter(failure.source(), failure.index(), "read",
                    failure.reason().name(), failure.message(), null, false));
            System.err.println("cannot read " + failure.location() + ": " + failure.reason() + ": " + failure.message());
        }


        private void reject(SourceRecord record, String reason, String message) {
            counters.deadLettered(reason);
            deadLetters.write(DeadLetter.of(record, "map", reason, message));
            System.err.println("rejected " + record.location() + ": " + reason + ": " + message);
        }
    }

    /**
     * CloudTrail's eventID identifies an event across deliveries (the same event in an organisation and an
     * account trail is one event), so it is the document id; records without one (digests) use the
     * SHA-256 of their bytes. Either way a re-load overwrites instead of duplicating.
     */
    static String documentId(MappingResult.Encoded document, SourceRecord record) {
        String eventId = document.eventId();
        return eventId == null || eventId.isEmpty() ? DigestUtils.sha256Hex(record.json()) : eventId;
    }
}
