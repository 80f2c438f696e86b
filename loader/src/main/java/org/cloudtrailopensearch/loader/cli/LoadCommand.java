package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
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
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.source.CombinedLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.source.S3Location;
import org.cloudtrailopensearch.loader.state.LoadState;
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

    @Parameters(arity = "1..*", paramLabel = "SOURCE",
            description = "A file, a folder, s3://bucket/prefix, or '-' for stdin (Records JSON or NDJSON, gzip or not).")
    List<String> sources;

    @Mixin
    SourceOptions sourceOptions;

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

    @Mixin
    MapperOptions mapperOptions;

    /** A plain flag: picocli's negatable form with defaultValue and fallbackValue "true" never turned setup off. */
    @Option(names = "--no-setup",
            description = "Do not install or update the index templates before loading (by default load does, as `setup` does).")
    boolean noSetup;

    @Override
    public Integer call() throws Exception {
        String problem = sourceOptions.problem(sources, integrityMode != IntegrityMode.OFF);
        if (problem != null) {
            System.err.println("load: " + problem);
            return 2;
        }
        Path deadLetters = deadLetterFile != null ? deadLetterFile
                : Path.of("dead-letter", "load-" + RUN_STAMP.format(Instant.now()) + ".ndjson");
        CloudTrailMapper mapper;
        try {
            mapper = mapperOptions.applyTo(CloudTrailMapper.builder()).build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            return 2;
        }
        LoadState loadState;
        try {
            loadState = sourceOptions.openState();
        } catch (java.io.IOException e) {
            System.err.println("load: cannot use the state file: " + e.getMessage());
            return 2;
        }
        OpenSearchClient client = OpenSearchClientFactory.create(openSearch.toTarget());
        LoadReport report;
        try (S3Client s3Client = needsS3() ? s3.toSettings().createClient() : null;
                LoadState state = loadState) {
            if (!noSetup) {
                new IndexSetup(client, false).apply(System.out);
            }
            IntegrityPolicy integrity = new IntegrityCheck(integrityMode, new TrailValidation(publicKeys.files(), System.err))
                    .run(sources, s3Client, System.out, sourceOptions.digestScope());
            List<LogObjectSource> resolved = new ArrayList<>();
            for (String source : sources) {
                resolved.add(sourceOptions.sourceFor(source, s3Client, System.in,
                        integrityMode != IntegrityMode.OFF));
            }
            LoadJobConfig config = LoadJobConfig.builder()
                    .deadLetterFile(deadLetters)
                    .maxRecordBytes(maxRecordBytes)
                    .bulk(new BulkSettings(bulkActions, 5L * 1024 * 1024, bulkConcurrency))
                    .integrity(integrity)
                    .state(state)
                    .build();
            report = new LoadJob(config, mapper, client).run(new CombinedLogObjectSource(resolved));
            System.out.print(report.toText());
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

    private boolean needsS3() {
        return sources.stream().anyMatch(S3Location::isS3);
    }

}
