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
import org.cloudtrailopensearch.loader.index.BulkSink;
import org.cloudtrailopensearch.loader.index.IndexFailure;
import org.cloudtrailopensearch.loader.index.IndexOutcomes;
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
        List<LogObject> objects = source.list().objects();
        CloudTrailFileReader reader = new CloudTrailFileReader(config.maxRecordBytes());
        try (DeadLetterWriter deadLetters = new DeadLetterWriter(config.deadLetterFile())) {
            String stoppedBecause = null;
            try (BulkSink<SourceRecord> indexer = new BulkSink<>(client, config.bulk(), new Accounting(counters, deadLetters))) {
                MapAndIndex pipeline = new MapAndIndex(counters, deadLetters, indexer, indices);
                for (LogObject object : objects) {
                    if (indexer.retryLimitReached()) {
                        break; // the cluster is gone: reading on would only fill the dead-letter file
                    }
                    counters.objectOpened();
                    pipeline.decision = config.integrity().decide(object);
                    reader.read(object.name(), object::open, pipeline);
                }
                indexer.close();
                if (indexer.retryLimitReached()) {
                    stoppedBecause = indexer.retryLimitMessage() + "; " + counters.deadLetteredFor(IndexFailure.REQUEST_FAILED.name())
                            + " records dead-lettered as " + IndexFailure.REQUEST_FAILED + "; re-run to load them";
                }
            }
            if (stoppedBecause == null && config.refreshWhenDone() && !indices.isEmpty()) {
                client.indices().refresh(r -> r.index(List.copyOf(indices)));
            }
            return counters.snapshot(source.describe(),
                    deadLetters.file().map(Object::toString).orElse(null),
                    Duration.between(started, Instant.now()), stoppedBecause);
        }
    }

    /** The validate, map and index stages, fed record by record by the reader. */
    private final class MapAndIndex implements RecordVisitor {
        private final LoadCounters counters;
        private final DeadLetterWriter deadLetters;
        private final BulkSink<SourceRecord> indexer;
        private final Set<String> indices;
        /** The integrity verdict for the object being read. */
        IntegrityPolicy.Decision decision;

        MapAndIndex(LoadCounters counters, DeadLetterWriter deadLetters, BulkSink<SourceRecord> indexer, Set<String> indices) {
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

    /** The index stage's outcomes: counted, and failures dead-lettered with their reason. */
    private static final class Accounting implements IndexOutcomes<SourceRecord> {
        private final LoadCounters counters;
        private final DeadLetterWriter deadLetters;

        Accounting(LoadCounters counters, DeadLetterWriter deadLetters) {
            this.counters = counters;
            this.deadLetters = deadLetters;
        }

        @Override
        public void indexed(SourceRecord origin, boolean created) {
            if (created) {
                counters.created();
            } else {
                counters.updated();
            }
        }

        @Override
        public void failed(SourceRecord origin, IndexFailure failure, String message) {
            deadLetters.write(DeadLetter.of(origin, "index", failure.name(), message));
            counters.deadLettered(failure.name());
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
