package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.RetryPolicy;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.run.LoadRun;
import org.cloudtrailopensearch.loader.state.LoadState;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Option;

/** How records are mapped, sent, dead-lettered and summed up: the same for {@code load} and {@code worker}. */
public final class LoadJobOptions {

    private static final DateTimeFormatter RUN_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Option(names = "--dead-letter", paramLabel = "FILE",
            description = "Where records that cannot be indexed go, as NDJSON (default: dead-letter/<command>-<time>.ndjson).")
    Path deadLetterFile;

    @Option(names = "--max-record-bytes", defaultValue = "1048576",
            description = {"Records larger than this are dead-lettered as TOO_LARGE (default: ${DEFAULT-VALUE}, as in "
                    + "`map`). 1 MiB is four times CloudTrail's largest event (256 KB) and bounds the memory of the "
                    + "records in flight (queue and mapping threads hold a few thousand at a time)."})
    int maxRecordBytes;

    @Option(names = "--mapping-threads", paramLabel = "N",
            description = "Threads that map records to documents (default: the available cores).")
    Integer mappingThreads;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Also write every count of the run (objects, records per stage and reason, integrity "
                    + "verdicts, duration, records/s, exit code, dead-letter file) as JSON to FILE, atomically.")
    Path summaryJson;

    @Option(names = "--bulk-actions", defaultValue = "1000", description = "Documents per bulk request (default: ${DEFAULT-VALUE}).")
    int bulkActions;

    @Option(names = "--bulk-concurrency", defaultValue = "2", description = "Bulk requests in flight (default: ${DEFAULT-VALUE}).")
    int bulkConcurrency;

    @Option(names = "--max-retry-time", defaultValue = "5m", paramLabel = "DURATION",
            converter = LoadCommand.DurationConverter.class,
            description = {"How long a bulk request that fails in a transient way (429, 502-504, connection refused "
                    + "or reset, timeout) is sent again, with exponential backoff, before its records are dead-lettered "
                    + "as REQUEST_FAILED and the load ends with exit code 2. Examples: 90s, 5m, 1m30s, PT2M. "
                    + "Default: ${DEFAULT-VALUE}."})
    Duration maxRetryTime;

    /** A plain flag: picocli's negatable form with defaultValue and fallbackValue "true" never turned setup off. */
    @Option(names = "--no-setup",
            description = "Do not install or update the index templates before loading (by default they are, as `setup` does).")
    boolean noSetup;

    /** The dead-letter file: {@code --dead-letter}, else {@code dead-letter/<command>-<time>.ndjson}. */
    Path deadLetterFile(String command) {
        return deadLetterFile != null ? deadLetterFile
                : Path.of("dead-letter", command + "-" + RUN_STAMP.format(Instant.now()) + ".ndjson");
    }

    /** The job's settings from these options. */
    LoadJobConfig.Builder config(String command, LoadState state) {
        LoadJobConfig.Builder config = LoadJobConfig.builder()
                .deadLetterFile(deadLetterFile(command))
                .maxRecordBytes(maxRecordBytes)
                .bulk(new BulkSettings(bulkActions, 5L * 1024 * 1024, bulkConcurrency,
                        RetryPolicy.defaults().withMaxRetryTime(maxRetryTime)))
                .state(state);
        if (mappingThreads != null) {
            config.mappingThreads(mappingThreads);
        }
        return config;
    }

    /**
     * What every loading command sets alike on its run: the cluster, the mapper, the job's settings, the templates'
     * set-up unless {@code --no-setup}, and the summary file.
     */
    LoadRun.Builder run(LoadJobConfig config, OpenSearchClient client, CloudTrailMapper mapper) {
        return LoadRun.builder().client(client).mapper(mapper).config(config)
                .setup(noSetup ? null : () -> new IndexSetup(client).apply(System.out))
                .summaryJson(summaryJson);
    }
}
