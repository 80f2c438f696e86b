package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.index.HumanDuration;
import org.cloudtrailopensearch.loader.source.CombinedLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.source.S3Location;
import org.cloudtrailopensearch.loader.state.LoadState;
import org.cloudtrailopensearch.loader.validate.IntegrityMode;
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

    @Parameters(arity = "0..*", paramLabel = "SOURCE",
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

    @Option(names = "--from-dead-letter", paramLabel = "FILE",
            description = {"Load the records of a dead-letter file of an earlier run again (after fixing what rejected "
                    + "them), instead of SOURCEs: each as a record of its original source and index, so document ids "
                    + "are the same and nothing is duplicated. Its own dead letters go to --dead-letter, which must be "
                    + "another file."})
    Path fromDeadLetter;

    @Option(names = "--progress-interval", defaultValue = "10s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "When stderr is not a terminal, a progress line is written to it this often (default: "
                    + "${DEFAULT-VALUE}); on a terminal a live bar shows objects, records, records/s and an ETA.")
    Duration progressInterval;

    @Mixin
    LoadJobOptions jobOptions;

    @Mixin
    MapperOptions mapperOptions;

    @Override
    public Integer call() throws Exception {
        if (sources == null) {
            sources = List.of();
        }
        String problem = sources.isEmpty() == (fromDeadLetter == null)
                ? "give SOURCEs or --from-dead-letter FILE (one of the two)"
                : fromDeadLetter != null && integrityMode != IntegrityMode.OFF
                        ? "--verify-integrity needs the log files, not dead letters"
                        : sourceOptions.problem(sources, integrityMode != IntegrityMode.OFF);
        if (problem != null) {
            System.err.println("load: " + problem);
            return 2;
        }
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
        OpenSearchClient client;
        try {
            client = openSearch.connect();
        } catch (java.io.IOException | RuntimeException e) {
            loadState.close();
            throw e;
        }
        LoadReport report;
        try (S3Client s3Client = needsS3() ? s3.toSettings().createClient() : null;
                LoadState state = loadState) {
            List<LogObjectSource> resolved = new ArrayList<>();
            for (String source : sources) {
                resolved.add(sourceOptions.sourceFor(source, s3Client, System.in,
                        integrityMode != IntegrityMode.OFF));
            }
            report = jobOptions.run(jobOptions.config("load", state).build(), client, mapper)
                    .source(new CombinedLogObjectSource(resolved))
                    .fromDeadLetter(fromDeadLetter)
                    .integrity(integrityMode, sources, new TrailValidation(publicKeys.files(), System.err), s3Client)
                    .integrityScope(sourceOptions.digestScope())
                    .progress(System.console() != null, progressInterval)
                    .build().run();
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

}
