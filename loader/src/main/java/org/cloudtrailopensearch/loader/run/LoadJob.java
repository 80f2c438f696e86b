package org.cloudtrailopensearch.loader.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.codec.digest.DigestUtils;
import org.cloudtrailopensearch.loader.concurrent.DaemonThreads;
import org.cloudtrailopensearch.loader.deadletter.DeadLetterWriter;
import org.cloudtrailopensearch.loader.index.BulkSink;
import org.cloudtrailopensearch.loader.index.IndexFailure;
import org.cloudtrailopensearch.loader.map.RecordMapping;
import org.cloudtrailopensearch.loader.read.CloudTrailFileReader;
import org.cloudtrailopensearch.loader.read.DeadLetterRecords;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.loader.read.ReadSummary;
import org.cloudtrailopensearch.loader.read.RecordVisitor;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.loader.report.LoadCounters;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.report.ObjectSkipReason;
import org.cloudtrailopensearch.loader.source.Listing;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.validate.HashedCopy;
import org.cloudtrailopensearch.loader.validate.IntegrityJudge;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RecordContext;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The batch job: source → read → map → index, with every record accounted for.
 *
 * <p>Reader threads each read one object at a time and put its records, in batches, on a bounded queue; mapping
 * workers (one per core by default) encode each record into its document and hand it to the bulk sink, which sends
 * requests concurrently. Every hand-over blocks when the next stage is behind (the queue is bounded, the sink
 * blocks while its requests are in flight), so memory stays bounded and the cluster sets the pace. Order does not
 * matter: documents carry their ids. An object is finished, and marked done in the {@link
 * org.cloudtrailopensearch.loader.state.LoadState}, when its reading ended and each of its records reached its end.
 */
public final class LoadJob {

    /** Records per hand-over from a reader to the workers: large enough to make the queue cheap, small enough to spread an object over the workers. */
    static final int BATCH_RECORDS = 128;
    /** How long a reader waits for the feed before it checks again whether the run is stopping. */
    private static final Duration FEED_POLL = Duration.ofMillis(100);

    private final LoadJobConfig config;
    private final CloudTrailMapper mapper;
    private final OpenSearchClient client;
    private final PrintStream log;

    public LoadJob(LoadJobConfig config, CloudTrailMapper mapper, OpenSearchClient client) {
        this(config, mapper, client, System.err);
    }

    /** @param log where per-record problems are written, one line each */
    public LoadJob(LoadJobConfig config, CloudTrailMapper mapper, OpenSearchClient client, PrintStream log) {
        this.config = Objects.requireNonNull(config);
        this.mapper = Objects.requireNonNull(mapper);
        this.client = Objects.requireNonNull(client);
        this.log = Objects.requireNonNull(log);
    }

    /** Loads everything {@code source} lists. Throws only when the run cannot go on (e.g. listing fails). */
    public LoadReport run(LogObjectSource source) throws IOException {
        return run(source, new LoadCounters());
    }

    /**
     * As {@link #run(LogObjectSource)}, counting into {@code counters} (which a progress display may watch).
     */
    public LoadReport run(LogObjectSource source, LoadCounters counters) throws IOException {
        Instant started = Instant.now();
        Listing listing = source.list();
        listing.skipped().forEach(skipped -> counters.objectPassedOver(skipped.reason()));
        List<LogObject> objects = onceEach(listing.objects());
        objects.forEach(object -> counters.listed(object.size()));
        return run(ObjectFeed.of(objects), false, source.describe(), counters, started);
    }

    /**
     * Loads the objects {@code feed} gives until it is exhausted (queue mode), counting each as listed when it is
     * taken, and tells the feed when each one is finished.
     *
     * @param description what the report names as the source
     */
    public LoadReport run(ObjectFeed feed, String description, LoadCounters counters) throws IOException {
        return run(feed, true, description, counters, Instant.now());
    }

    private LoadReport run(ObjectFeed feed, boolean countTaken, String description, LoadCounters counters,
            Instant started) throws IOException {
        try (DeadLetterWriter deadLetters = new DeadLetterWriter(config.deadLetterFile())) {
            Pipeline pipeline = new Pipeline(counters, deadLetters, feed);
            List<Runnable> readers = new ArrayList<>();
            for (int i = 0; i < config.readerThreads(); i++) {
                readers.add(() -> pipeline.readObjects(countTaken));
            }
            String stoppedBecause = pipeline.run(readers);
            return finish(pipeline, counters, deadLetters, description, stoppedBecause, started);
        }
    }

    /**
     * Loads the records of a dead-letter file again ({@code load --from-dead-letter}): each entry's record goes
     * through map and index as a record of its original source and index, so document ids are the same as in the
     * first attempt and nothing is duplicated; entries without a whole record count as read failures again.
     */
    public LoadReport runDeadLetters(Path deadLetterFile, LoadCounters counters) throws IOException {
        if (deadLetterFile.toAbsolutePath().normalize().equals(config.deadLetterFile().toAbsolutePath().normalize())) {
            throw new IOException("the dead letters of this run must go to another file than " + deadLetterFile
                    + " (--dead-letter)");
        }
        if (!Files.isReadable(deadLetterFile)) {
            throw new IOException("cannot read the dead-letter file " + deadLetterFile);
        }
        Instant started = Instant.now();
        try (DeadLetterWriter deadLetters = new DeadLetterWriter(config.deadLetterFile())) {
            Pipeline pipeline = new Pipeline(counters, deadLetters, ObjectFeed.of(List.of()));
            String stoppedBecause = pipeline.run(List.of(() -> pipeline.readDeadLetters(deadLetterFile)));
            return finish(pipeline, counters, deadLetters, "dead letters " + deadLetterFile, stoppedBecause, started);
        }
    }

    private LoadReport finish(Pipeline pipeline, LoadCounters counters, DeadLetterWriter deadLetters, String source,
            String stoppedBecause, Instant started) throws IOException {
        if (stoppedBecause == null && config.refreshWhenDone() && !pipeline.indices.isEmpty()) {
            client.indices().refresh(r -> r.index(List.copyOf(pipeline.indices)));
        }
        deadLetters.flush();
        return counters.snapshot(new LoadReport.Run(source, deadLetters.file().map(Object::toString).orElse(null),
                config.integrity().chains(), stoppedBecause), Duration.between(started, Instant.now()));
    }

    /** One run's threads, queue and sink. */
    private final class Pipeline {
        private final LoadCounters counters;
        private final DeadLetterWriter deadLetters;
        private final RecordEnds ends;
        private final BlockingQueue<RecordBatch> batches = new ArrayBlockingQueue<>(2 * config.mappingThreads());
        private final Set<String> indices = ConcurrentHashMap.newKeySet();
        /** The first failure that stops the run (a dead letter that cannot be written, a state that cannot be saved). */
        private final AtomicReference<Throwable> fatal = new AtomicReference<>();
        private final ObjectFeed feed;
        private BulkSink<DocumentOrigin> sink;

        Pipeline(LoadCounters counters, DeadLetterWriter deadLetters, ObjectFeed feed) {
            this.counters = counters;
            this.deadLetters = deadLetters;
            this.feed = feed;
            this.ends = new RecordEnds(counters, deadLetters, log);
        }

        /** @return why the run could not complete, or null */
        String run(List<Runnable> readerTasks) throws IOException {
            ExecutorService readers = Executors.newFixedThreadPool(readerTasks.size(), DaemonThreads.named("load-read"));
            ExecutorService workers = Executors.newFixedThreadPool(config.mappingThreads(), DaemonThreads.named("load-map"));
            try (BulkSink<DocumentOrigin> documents = new BulkSink<>(client, config.bulk(), ends, log)) {
                sink = documents;
                List<Future<?>> reading = new ArrayList<>();
                for (Runnable task : readerTasks) {
                    reading.add(readers.submit(task));
                }
                List<Future<?>> mapping = new ArrayList<>();
                for (int i = 0; i < config.mappingThreads(); i++) {
                    mapping.add(workers.submit(this::mapBatches));
                }
                awaitAll(reading);
                for (int i = 0; i < config.mappingThreads(); i++) {
                    putUninterruptibly(RecordBatch.END);
                }
                awaitAll(mapping);
            } finally {
                readers.shutdownNow();
                workers.shutdownNow();
            }
            Throwable failure = fatal.get();
            if (failure != null) {
                throw failure instanceof IOException io ? io
                        : new IOException(failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
            }
            if (sink.retryLimitReached()) {
                return sink.retryLimitMessage() + "; " + counters.deadLetteredFor(IndexFailure.REQUEST_FAILED)
                        + " records dead-lettered as " + IndexFailure.REQUEST_FAILED + "; re-run to load them";
            }
            return null;
        }

        /** A reader: takes objects from the feed until it is exhausted or the run stops. */
        private void readObjects(boolean countTaken) {
            CloudTrailFileReader reader = new CloudTrailFileReader(config.maxRecordBytes());
            try {
                while (!stopping()) {
                    LogObject object = feed.poll(FEED_POLL);
                    if (object == null) {
                        if (feed.exhausted()) {
                            return;
                        }
                        continue;
                    }
                    if (countTaken) {
                        counters.listed(object.size());
                    }
                    if (config.state().isDone(object)) {
                        counters.objectSkipped(ObjectSkipReason.ALREADY_LOADED.name(), object.size());
                        feed.finished(object, ObjectEnd.SETTLED);
                        continue;
                    }
                    readObject(reader, object);
                }
            } catch (Throwable e) {
                fatal.compareAndSet(null, e);
            }
        }

        private void readObject(CloudTrailFileReader reader, LogObject object) {
            ObjectProgress progress = new ObjectProgress(object, this::finished);
            IntegrityJudge integrity = config.integrity();
            if (!integrity.hashes(object)) {
                readRecords(reader, object, object::open, integrity.unhashed(), progress);
                return;
            }
            // Read once: the verdict comes from the hash of the bytes kept in the copy, and the records from the same copy.
            HashedCopy copy;
            try {
                copy = HashedCopy.of(object, config.integrityCopyMemoryBytes());
            } catch (IOException e) {
                counters.read();
                ends.readFailed(new ReadFailure(object.name(), 0, ReadFailure.Reason.UNREADABLE_OBJECT,
                        e.getClass().getSimpleName() + ": " + e.getMessage()), progress);
                progress.readingEnded(false);
                return;
            }
            try (copy) {
                IntegrityJudge.Decision decision = integrity.judge(object, copy.hash());
                decision.verdict().ifPresent(counters::verdict);
                readRecords(reader, object, copy::open, decision, progress);
            } catch (IOException e) {
                log.println("cannot delete the temporary copy of " + object.name() + ": " + e.getMessage());
            }
        }

        private void readRecords(CloudTrailFileReader reader, LogObject object, CloudTrailFileReader.Opener opener,
                IntegrityJudge.Decision decision, ObjectProgress progress) {
            RecordContext context = RecordContext.of(object.name()).withIntegrity(decision.mark().orElse(null));
            Batcher batcher = new Batcher(progress, context, decision);
            ReadSummary summary = reader.read(object.name(), opener, batcher);
            batcher.handOver();
            progress.readingEnded(summary.empty());
        }

        /** The records of a dead-letter file, each with the context of its original source, never integrity-marked. */
        private void readDeadLetters(Path file) {
            ObjectProgress progress = new ObjectProgress(null, done -> { });
            try {
                Batcher batcher = new Batcher(progress, null, config.integrity().unhashed());
                DeadLetterRecords.read(file, batcher);
                batcher.handOver();
                progress.readingEnded(false);
            } catch (IOException e) {
                fatal.compareAndSet(null, e);
            } catch (Throwable e) {
                fatal.compareAndSet(null, e);
            }
        }

        /** Runs on whichever thread ended the object's last record. */
        private void finished(ObjectProgress progress) {
            LogObject object = progress.object();
            try {
                if (progress.isEmpty()) {
                    counters.objectSkipped(ObjectSkipReason.EMPTY_OBJECT.name(), object.size());
                } else {
                    counters.objectLoaded(object.size());
                }
                if (!progress.hadRequestFailure()) {
                    if (progress.hadDeadLetters()) {
                        deadLetters.flush();
                    }
                    config.state().markDone(object);
                }
                feed.finished(object, progress.end());
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
            }
        }

        /** Collects an object's records into batches for the workers; read failures end at once. */
        private final class Batcher implements RecordVisitor {
            private final ObjectProgress progress;
            private final RecordContext context;
            private final IntegrityJudge.Decision decision;
            private List<SourceRecord> batch = new ArrayList<>(BATCH_RECORDS);

            Batcher(ObjectProgress progress, RecordContext context, IntegrityJudge.Decision decision) {
                this.progress = progress;
                this.context = context;
                this.decision = decision;
            }

            @Override
            public void onRecord(SourceRecord record) {
                counters.read();
                if (!decision.index()) {
                    counters.skipped(decision.skipReason());
                    return;
                }
                progress.recordStarted();
                batch.add(record);
                if (batch.size() == BATCH_RECORDS) {
                    handOver();
                }
            }

            @Override
            public void onFailure(ReadFailure failure) {
                counters.read();
                ends.readFailed(failure, progress);
            }

            void handOver() {
                if (batch.isEmpty()) {
                    return;
                }
                RecordBatch full = new RecordBatch(progress, context, batch);
                batch = new ArrayList<>(BATCH_RECORDS);
                try {
                    while (!batches.offer(full, 100, TimeUnit.MILLISECONDS)) {
                        if (fatal.get() != null) {
                            throw new IllegalStateException("the load stopped", fatal.get());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }

        /** A worker: maps each record and hands the document to the sink until told to stop. Never dies on a record. */
        private void mapBatches() {
            while (true) {
                RecordBatch batch;
                try {
                    batch = batches.take();
                } catch (InterruptedException e) {
                    fatal.compareAndSet(null, e);
                    return;
                }
                if (batch == RecordBatch.END) {
                    return;
                }
                for (SourceRecord record : batch.records()) {
                    if (fatal.get() != null) {
                        break; // the run is stopping; what is not handled is not reported as done either
                    }
                    mapOne(record, batch);
                }
            }
        }

        private void mapOne(SourceRecord record, RecordBatch batch) {
            try {
                try {
                    RecordContext context = batch.context() != null ? batch.context() : RecordContext.of(record.source());
                    MappingResult result = RecordMapping.encode(mapper, record, context);
                    if (result instanceof MappingResult.Encoded document) {
                        String index = config.indexForTimestamp().apply(document.timestamp());
                        indices.add(index);
                        sink.index(index, documentId(document, record), document.json(),
                                new DocumentOrigin(record, batch.object()));
                    } else {
                        ends.rejected(record, (MappingResult.Rejected) result, batch.object());
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    ends.internalError(record, e, batch.object());
                }
            } catch (Throwable e) {
                fatal.compareAndSet(null, e); // e.g. the dead-letter file cannot be written: nothing may be lost silently
            }
        }

        private boolean stopping() {
            return fatal.get() != null || sink.retryLimitReached();
        }

        private void putUninterruptibly(RecordBatch batch) {
            boolean interrupted = false;
            while (true) {
                try {
                    batches.put(batch);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void awaitAll(List<Future<?>> futures) {
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fatal.compareAndSet(null, e);
                } catch (ExecutionException e) {
                    fatal.compareAndSet(null, e.getCause());
                }
            }
        }
    }

    /**
     * Overlapping sources (a folder and a file in it, two prefixes) may name an object twice: it is read once, so
     * its records are counted once and it is finished, and marked done, once.
     */
    static List<LogObject> onceEach(List<LogObject> listed) {
        Set<String> seen = new java.util.HashSet<>();
        List<LogObject> objects = new ArrayList<>(listed.size());
        for (LogObject object : listed) {
            if (seen.add(object.name())) {
                objects.add(object);
            }
        }
        return objects;
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
