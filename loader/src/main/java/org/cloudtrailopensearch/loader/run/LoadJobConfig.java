package org.cloudtrailopensearch.loader.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.state.LoadState;
import org.cloudtrailopensearch.loader.validate.HashedCopy;
import org.cloudtrailopensearch.loader.validate.IntegrityJudge;
import org.cloudtrailopensearch.loader.validate.IntegrityPolicy;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;

/** Settings of one load run. Immutable. */
public final class LoadJobConfig {

    private final Path deadLetterFile;
    private final int maxRecordBytes;
    private final BulkSettings bulk;
    private final Function<Instant, String> indexForTimestamp;
    private final boolean refreshWhenDone;
    private final IntegrityJudge integrity;
    private final LoadState state;
    private final int mappingThreads;
    private final int readerThreads;
    private final int integrityCopyMemoryBytes;

    private LoadJobConfig(Builder builder) {
        this.deadLetterFile = Objects.requireNonNull(builder.deadLetterFile, "deadLetterFile");
        this.maxRecordBytes = builder.maxRecordBytes;
        this.bulk = builder.bulk;
        this.indexForTimestamp = builder.indexForTimestamp;
        this.refreshWhenDone = builder.refreshWhenDone;
        this.integrity = builder.integrity;
        this.state = builder.state;
        this.mappingThreads = builder.mappingThreads;
        this.readerThreads = builder.readerThreads;
        this.integrityCopyMemoryBytes = builder.integrityCopyMemoryBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.deadLetterFile = deadLetterFile;
        builder.maxRecordBytes = maxRecordBytes;
        builder.bulk = bulk;
        builder.indexForTimestamp = indexForTimestamp;
        builder.refreshWhenDone = refreshWhenDone;
        builder.integrity = integrity;
        builder.state = state;
        builder.mappingThreads = mappingThreads;
        builder.readerThreads = readerThreads;
        builder.integrityCopyMemoryBytes = integrityCopyMemoryBytes;
        return builder;
    }

    /** NDJSON file for everything that could not be indexed; created only when needed. */
    public Path deadLetterFile() {
        return deadLetterFile;
    }

    /** Records larger than this are dead-lettered as {@code TOO_LARGE} (CloudTrail's own limit is 256 KB). */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public BulkSettings bulk() {
        return bulk;
    }

    /** The index a document goes to, from its {@code @timestamp}. */
    public Function<Instant, String> indexForTimestamp() {
        return indexForTimestamp;
    }

    /** Refresh the written indices at the end so the documents are searchable at once. */
    public boolean refreshWhenDone() {
        return refreshWhenDone;
    }

    /**
     * Whether each log file is indexed, and with which integrity mark (default: no validation): chains validated up
     * front ({@link IntegrityPolicy}) or digests judged as they arrive (queue mode).
     */
    public IntegrityJudge integrity() {
        return integrity;
    }

    /** Which objects earlier runs finished (skipped as {@code ALREADY_LOADED}); told of each object this run finishes. */
    public LoadState state() {
        return state;
    }

    /** Threads that map records to documents (default: the available cores). */
    public int mappingThreads() {
        return mappingThreads;
    }

    /** Threads that read objects, one object at a time each (default 2: one can wait on a download while the other reads). */
    public int readerThreads() {
        return readerThreads;
    }

    /**
     * With integrity on, each log object is read once into a copy that is hashed and then parsed; this much of a copy
     * stays in memory, the rest goes to a temporary file (see {@link org.cloudtrailopensearch.loader.validate.HashedCopy}).
     */
    public int integrityCopyMemoryBytes() {
        return integrityCopyMemoryBytes;
    }

    /** Builder for {@link LoadJobConfig}. */
    public static final class Builder {
        private Path deadLetterFile;
        private int maxRecordBytes = 1024 * 1024;
        private BulkSettings bulk = BulkSettings.defaults();
        private Function<Instant, String> indexForTimestamp = CloudTrailIndexTemplates::indexNameFor;
        private boolean refreshWhenDone = true;
        private IntegrityJudge integrity = IntegrityPolicy.none();
        private LoadState state = LoadState.none();
        private int mappingThreads = Runtime.getRuntime().availableProcessors();
        private int readerThreads = 2;
        private int integrityCopyMemoryBytes = HashedCopy.DEFAULT_MEMORY_LIMIT;

        private Builder() {
        }

        public Builder deadLetterFile(Path deadLetterFile) {
            this.deadLetterFile = deadLetterFile;
            return this;
        }

        public Builder maxRecordBytes(int maxRecordBytes) {
            if (maxRecordBytes <= 0) {
                throw new IllegalArgumentException("maxRecordBytes must be positive");
            }
            this.maxRecordBytes = maxRecordBytes;
            return this;
        }

        public Builder bulk(BulkSettings bulk) {
            this.bulk = Objects.requireNonNull(bulk);
            return this;
        }

        public Builder indexForTimestamp(Function<Instant, String> indexForTimestamp) {
            this.indexForTimestamp = Objects.requireNonNull(indexForTimestamp);
            return this;
        }

        public Builder refreshWhenDone(boolean refreshWhenDone) {
            this.refreshWhenDone = refreshWhenDone;
            return this;
        }

        public Builder integrity(IntegrityJudge integrity) {
            this.integrity = Objects.requireNonNull(integrity);
            return this;
        }

        public Builder state(LoadState state) {
            this.state = Objects.requireNonNull(state);
            return this;
        }

        public Builder mappingThreads(int mappingThreads) {
            if (mappingThreads <= 0) {
                throw new IllegalArgumentException("mappingThreads must be positive");
            }
            this.mappingThreads = mappingThreads;
            return this;
        }

        public Builder readerThreads(int readerThreads) {
            if (readerThreads <= 0) {
                throw new IllegalArgumentException("readerThreads must be positive");
            }
            this.readerThreads = readerThreads;
            return this;
        }

        public Builder integrityCopyMemoryBytes(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("integrityCopyMemoryBytes must not be negative");
            }
            this.integrityCopyMemoryBytes = bytes;
            return this;
        }

        public LoadJobConfig build() {
            return new LoadJobConfig(this);
        }
    }
}
