package org.cloudtrailopensearch.loader;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.state.LoadState;
import org.cloudtrailopensearch.loader.validate.IntegrityPolicy;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;

/** Settings of one load run. Immutable. */
public final class LoadJobConfig {

    private final Path deadLetterFile;
    private final int maxRecordBytes;
    private final BulkSettings bulk;
    private final Function<Instant, String> indexForTimestamp;
    private final boolean refreshWhenDone;
    private final IntegrityPolicy integrity;
    private final LoadState state;

    private LoadJobConfig(Builder builder) {
        this.deadLetterFile = Objects.requireNonNull(builder.deadLetterFile, "deadLetterFile");
        this.maxRecordBytes = builder.maxRecordBytes;
        this.bulk = builder.bulk;
        this.indexForTimestamp = builder.indexForTimestamp;
        this.refreshWhenDone = builder.refreshWhenDone;
        this.integrity = builder.integrity;
        this.state = builder.state;
    }

    public static Builder builder() {
        return new Builder();
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

    /** Whether each log file is indexed, and with which integrity mark (default: no validation). */
    public IntegrityPolicy integrity() {
        return integrity;
    }

    /** Which objects earlier runs finished (skipped now), and where finished objects are recorded (default: none). */
    public LoadState state() {
        return state;
    }

    /** Builder for {@link LoadJobConfig}. */
    public static final class Builder {
        private Path deadLetterFile;
        private int maxRecordBytes = 1024 * 1024;
        private BulkSettings bulk = BulkSettings.defaults();
        private Function<Instant, String> indexForTimestamp = CloudTrailIndexTemplates::indexNameFor;
        private boolean refreshWhenDone = true;
        private IntegrityPolicy integrity = IntegrityPolicy.none();
        private LoadState state = LoadState.none();

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

        public Builder integrity(IntegrityPolicy integrity) {
            this.integrity = Objects.requireNonNull(integrity);
            return this;
        }

        public Builder state(LoadState state) {
            this.state = Objects.requireNonNull(state);
            return this;
        }

        public LoadJobConfig build() {
            return new LoadJobConfig(this);
        }
    }
}
