package org.cloudtrailopensearch.loader.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.loader.report.LoadCounters;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.report.ProgressDisplay;
import org.cloudtrailopensearch.loader.report.SummaryJson;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.validate.IntegrityCheck;
import org.cloudtrailopensearch.loader.validate.IntegrityMode;
import org.cloudtrailopensearch.loader.validate.IntegrityJudge;
import org.cloudtrailopensearch.loader.validate.TrailValidation;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One load, start to end, as every entry point runs it ({@code load}, {@code demo}, ...): set the cluster up,
 * validate the sources' digest chains when integrity is on, load (read, map, index, each log file read once),
 * and report (text on the output, the summary JSON when asked, progress while it runs).
 */
public final class LoadRun {

    /** Prepares the cluster before loading (templates, or the whole {@code setup}). */
    @FunctionalInterface
    public interface Setup {
        void run() throws IOException;
    }

    private final OpenSearchClient client;
    private final CloudTrailMapper mapper;
    private final LoadJobConfig config;
    private final LogObjectSource source;
    private final ObjectFeed feed;
    private final String feedDescription;
    private final LoadCounters counters;
    private final Path deadLetterInput;
    private final List<String> validatedSources;
    private final IntegrityMode integrityMode;
    private final TrailValidation validation;
    private final S3Client s3;
    private final UnaryOperator<DigestValidator.Builder> integrityScope;
    private final Setup setup;
    private final Path summaryJson;
    private final boolean progressBar;
    private final Duration progressInterval;
    private final boolean showProgress;
    private final PrintStream out;
    private final PrintStream err;

    private LoadRun(Builder builder) {
        this.client = Objects.requireNonNull(builder.client, "client");
        this.mapper = Objects.requireNonNull(builder.mapper, "mapper");
        this.config = Objects.requireNonNull(builder.config, "config");
        this.deadLetterInput = builder.deadLetterInput;
        this.feed = builder.feed;
        this.feedDescription = builder.feedDescription;
        this.source = builder.deadLetterInput != null || builder.feed != null ? builder.source
                : Objects.requireNonNull(builder.source, "source");
        this.counters = builder.counters;
        this.validatedSources = builder.validatedSources;
        this.integrityMode = builder.integrityMode;
        this.validation = builder.validation;
        this.s3 = builder.s3;
        this.integrityScope = builder.integrityScope;
        this.setup = builder.setup;
        this.summaryJson = builder.summaryJson;
        this.progressBar = builder.progressBar;
        this.progressInterval = builder.progressInterval;
        this.showProgress = builder.showProgress;
        this.out = builder.out;
        this.err = builder.err;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every step. Throws when a step cannot run at all (the cluster refuses the templates, the digest chain
     * cannot be read, the source cannot be listed); a load that runs always ends in a report.
     */
    public LoadReport run() throws IOException {
        if (setup != null) {
            setup.run();
        }
        // Without chains to validate up front the job keeps its own judge (none, or queue mode's incremental one).
        IntegrityJudge integrity = integrityMode == IntegrityMode.OFF ? config.integrity()
                : new IntegrityCheck(integrityMode, Objects.requireNonNull(validation, "validation"))
                        .run(validatedSources, s3, out, integrityScope);
        LoadJobConfig withIntegrity = config.toBuilder().integrity(integrity).build();
        LoadReport report;
        try (ProgressDisplay progress = showProgress
                ? ProgressDisplay.start(counters, progressBar, progressInterval, err) : ProgressDisplay.none()) {
            LoadJob job = new LoadJob(withIntegrity, mapper, client, err);
            report = deadLetterInput != null ? job.runDeadLetters(deadLetterInput, counters)
                    : feed != null ? job.run(feed, feedDescription, counters)
                    : job.run(source, counters);
        }
        out.print(report.toText());
        if (!report.reconciles()) {
            err.println("load: the counts do not reconcile: read " + report.read() + " != indexed " + report.indexed()
                    + " + dead-lettered " + report.deadLetteredTotal() + " + skipped " + report.skippedTotal());
        }
        if (summaryJson != null) {
            SummaryJson.write(report, summaryJson);
        }
        return report;
    }

    /** Builder for {@link LoadRun}. */
    public static final class Builder {
        private OpenSearchClient client;
        private CloudTrailMapper mapper;
        private LoadJobConfig config;
        private LogObjectSource source;
        private ObjectFeed feed;
        private String feedDescription;
        private LoadCounters counters = new LoadCounters();
        private Path deadLetterInput;
        private List<String> validatedSources = List.of();
        private IntegrityMode integrityMode = IntegrityMode.OFF;
        private TrailValidation validation;
        private S3Client s3;
        private UnaryOperator<DigestValidator.Builder> integrityScope = UnaryOperator.identity();
        private Setup setup;
        private Path summaryJson;
        private boolean progressBar;
        private Duration progressInterval = Duration.ofSeconds(10);
        private boolean showProgress;
        private PrintStream out = System.out;
        private PrintStream err = System.err;

        private Builder() {
        }

        public Builder client(OpenSearchClient client) {
            this.client = client;
            return this;
        }

        public Builder mapper(CloudTrailMapper mapper) {
            this.mapper = mapper;
            return this;
        }

        /**
         * The job's settings; its integrity judge is replaced by the policy this run's validation gives when
         * {@link #integrity} turns validation on, else kept (queue mode sets an incremental judge here).
         */
        public Builder config(LoadJobConfig config) {
            this.config = config;
            return this;
        }

        public Builder source(LogObjectSource source) {
            this.source = source;
            return this;
        }

        /**
         * Load the objects {@code feed} gives while the run goes on (queue mode) instead of a listed source; the
         * feed is told when each object is finished.
         *
         * @param description what the report names as the source, e.g. the queue's URL
         */
        public Builder feed(ObjectFeed feed, String description) {
            this.feed = Objects.requireNonNull(feed);
            this.feedDescription = Objects.requireNonNull(description);
            return this;
        }

        /** Count into these (e.g. to watch them while the run goes on); fresh ones by default. */
        public Builder counters(LoadCounters counters) {
            this.counters = Objects.requireNonNull(counters);
            return this;
        }

        /** Load the records of this dead-letter file again instead of a source ({@code --from-dead-letter}). */
        public Builder fromDeadLetter(Path deadLetterFile) {
            this.deadLetterInput = deadLetterFile;
            return this;
        }

        /**
         * Validate these sources' digest chains first and judge each log file as it is loaded.
         *
         * @param s3 a client for {@code s3://} sources; may be null for folders
         */
        public Builder integrity(IntegrityMode mode, List<String> sources, TrailValidation validation, S3Client s3) {
            this.integrityMode = Objects.requireNonNull(mode);
            this.validatedSources = List.copyOf(sources);
            this.validation = validation;
            this.s3 = s3;
            return this;
        }

        /** Narrows the chain validation to what the load selects (accounts, regions, organisation, days). */
        public Builder integrityScope(UnaryOperator<DigestValidator.Builder> scope) {
            this.integrityScope = Objects.requireNonNull(scope);
            return this;
        }

        /** Runs before anything else; none by default. */
        public Builder setup(Setup setup) {
            this.setup = setup;
            return this;
        }

        /** Where the summary JSON goes (atomically); none by default. */
        public Builder summaryJson(Path summaryJson) {
            this.summaryJson = summaryJson;
            return this;
        }

        /** Show progress: a bar when {@code terminal}, else a line on the error stream every {@code interval}. */
        public Builder progress(boolean terminal, Duration interval) {
            this.showProgress = true;
            this.progressBar = terminal;
            this.progressInterval = Objects.requireNonNull(interval);
            return this;
        }

        public Builder output(PrintStream out, PrintStream err) {
            this.out = Objects.requireNonNull(out);
            this.err = Objects.requireNonNull(err);
            return this;
        }

        public LoadRun build() {
            return new LoadRun(this);
        }
    }
}
