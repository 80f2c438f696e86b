package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.loader.LoadJob;
import org.cloudtrailopensearch.loader.LoadJobConfig;
import org.cloudtrailopensearch.loader.LoadReport;
import org.cloudtrailopensearch.loader.index.BulkSettings;
import org.cloudtrailopensearch.loader.index.HumanDuration;
import org.cloudtrailopensearch.loader.index.RetryPolicy;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.source.CombinedLogObjectSource;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.source.S3LogObjectSource;
import org.cloudtrailopensearch.loader.source.S3Location;
import org.cloudtrailopensearch.loader.validate.IntegrityCheck;
import org.cloudtrailopensearch.loader.validate.IntegrityMode;
import org.cloudtrailopensearch.loader.validate.IntegrityPolicy;
import org.cloudtrailopensearch.loader.validate.TrailValidation;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code load}: CloudTrail log objects from disk or S3 into OpenSearch. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Read CloudTrail log files (Records .json/.json.gz, NDJSON) from local paths or S3, map them "
                + "to ECS and bulk-index them into OpenSearch.",
                "Exit code: 0 everything indexed, 1 some records dead-lettered, 2 the run could not complete."})
public final class LoadCommand implements Callable<Integer> {

    private static final DateTimeFormatter RUN_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "A file, a folder, or s3://bucket/prefix.")
    List<String> sources;

    @Mixin
    OpenSearchOptions openSearch;

    @Mixin
    S3Options s3;

    @Mixin
    PublicKeyOptions publicKeys;

    @Option(names = "--verify-integrity", defaultValue = "off", paramLabel = "off|mark|refuse",
            converter = IntegrityModeConverter.class,
            description = {"Validate the sources against their digest chains first (see `validate`). "
                    + "mark: index everything and record each file's verdict in aws.cloudtrail.log_file.integrity; "
                    + "refuse: index only files proven unaltered. Default: ${DEFAULT-VALUE}."})
    IntegrityMode integrityMode;

    @Option(names = "--dead-letter", paramLabel = "FILE",
            description = "Where records that cannot be indexed go, as NDJSON (default: dead-letter/load-<time>.ndjson).")
    Path deadLetterFile;

    @Option(names = "--max-record-bytes", defaultValue = "1048576",
            description = "Records larger than this are dead-lettered as TOO_LARGE (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--bulk-actions", defaultValue = "1000", description = "Documents per bulk request (default: ${DEFAULT-VALUE}).")
    int bulkActions;

    @Option(names = "--bulk-concurrency", defaultValue = "2", description = "Bulk requests in flight (default: ${DEFAULT-VALUE}).")
    int bulkConcurrency;

    @Option(names = "--max-retry-time", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = {"How long a bulk request that fails in a transient way (429, 502-504, connection refused "
                    + "or reset, timeout) is sent again, with exponential backoff, before its records are dead-lettered "
                    + "as REQUEST_FAILED and the load ends with exit code 2. Examples: 90s, 5m, 1m30s, PT2M. "
                    + "Default: ${DEFAULT-VALUE}."})
    Duration maxRetryTime;

    @Mixin
    MapperOptions mapperOptions;

    /** A plain flag: picocli's negatable form with defaultValue and fallbackValue "true" never turned setup off. */
    @Option(names = "--no-setup",
            description = "Do not install or update the index templates before loading (by default load does, as `setup` does).")
    boolean noSetup;

    @Override
    public Integer call() throws Exception {
        Path deadLetters = deadLetterFile != null ? deadLetterFile
                : Path.of("dead-letter", "load-" + RUN_STAMP.format(Instant.now()) + ".ndjson");
        CloudTrailMapper mapper;
        try {
            mapper = mapperOptions.applyTo(CloudTrailMapper.builder()).build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            return 2;
        }
        OpenSearchClient client = OpenSearchClientFactory.create(openSearch.toTarget());
        LoadReport report;
        try (S3Client s3Client = needsS3() ? s3.toSettings().createClient() : null) {
            if (!noSetup) {
                new IndexSetup(client).apply(System.out);
            }
            IntegrityPolicy integrity = new IntegrityCheck(integrityMode, new TrailValidation(publicKeys.files(), System.err))
                    .run(sources, s3Client, System.out);
            List<LogObjectSource> resolved = new ArrayList<>();
            for (String source : sources) {
                resolved.add(sourceFor(source, s3Client));
            }
            LoadJobConfig config = LoadJobConfig.builder()
                    .deadLetterFile(deadLetters)
                    .maxRecordBytes(maxRecordBytes)
                    .bulk(new BulkSettings(bulkActions, 5L * 1024 * 1024, bulkConcurrency,
                            RetryPolicy.defaults().withMaxRetryTime(maxRetryTime)))
                    .integrity(integrity)
                    .build();
            report = new LoadJob(config, mapper, client).run(new CombinedLogObjectSource(resolved));
            System.out.print(report.toText());
            if (report.stoppedBecause() != null) {
                System.err.println("load: OpenSearch at " + withoutUserInfo(openSearch.url) + " " + report.stoppedBecause());
            }
        } finally {
            client._transport().close();
        }
        return report.exitCode();
    }

    /** Accepts the modes in lower case, as users type them. */
    static final class IntegrityModeConverter implements picocli.CommandLine.ITypeConverter<IntegrityMode> {
        @Override
        public IntegrityMode convert(String value) {
            return IntegrityMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** 90s, 5m, 1m30s, 500ms or ISO-8601 (PT2M). */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return HumanDuration.parse(value);
        }
    }

    /** A URL may carry user:password; messages must not. */
    static String withoutUserInfo(java.net.URI url) {
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    private boolean needsS3() {
        return sources.stream().anyMatch(S3Location::isS3);
    }

    private static LogObjectSource sourceFor(String source, S3Client s3Client) {
        if (S3Location.isS3(source)) {
            S3Location location = S3Location.parse(source);
            return new S3LogObjectSource(s3Client, location.bucket(), location.prefix());
        }
        return new LocalLogObjectSource(Path.of(source));
    }
}
