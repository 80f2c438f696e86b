package org.cloudtrailopensearch.loader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.loader.source.KeyLayoutFilter;
import org.cloudtrailopensearch.loader.source.LayoutPrefixes;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.source.S3Location;
import org.cloudtrailopensearch.loader.source.S3LogObjectSource;
import org.cloudtrailopensearch.loader.source.StdinLogObjectSource;
import org.cloudtrailopensearch.loader.state.LoadState;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** What {@code load} reads (stdin, folders, S3 prefixes) and how it resumes ({@code --state}). */
public final class SourceOptions {

    @Mixin
    StateOptions state;

    @Option(names = "--account", split = ",", paramLabel = "ACCOUNT",
            description = "Load only these AWS account ids (key layout AWSLogs/[o-org/]ACCOUNT/...).")
    List<String> accounts;

    @Option(names = "--region", split = ",", paramLabel = "REGION",
            description = "Load only log files of these regions (.../CloudTrail/REGION/...).")
    List<String> regions;

    @Option(names = "--organization-id", paramLabel = "o-ID",
            description = "Load only the organisation trail's files (AWSLogs/o-ID/...).")
    String organizationId;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD",
            description = "Load only log files filed under this UTC day or later (the day in the key, .../YYYY/MM/DD/).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD",
            description = {"Load only log files filed under this UTC day or earlier (inclusive).",
                    "With --account, --region, --organization-id, --from or --to, a folder or S3 prefix is the trail's "
                            + "root (the part before AWSLogs/, or AWSLogs/ itself), and only the key prefixes that can "
                            + "hold selected files are listed: nothing outside the selection is listed or downloaded."})
    LocalDate to;

    /** Problems with the options that parsing cannot see, or null. */
    String problem(List<String> sources, boolean integrity) {
        long stdinSources = sources.stream().filter(StdinLogObjectSource::isStdin).count();
        if (stdinSources > 1) {
            return "'-' (stdin) can be given once";
        }
        if (stdinSources == 1 && integrity) {
            return "--verify-integrity needs files or S3 objects named by digests; stdin has no name";
        }
        if (state.problem() != null) {
            return state.problem();
        }
        try {
            KeyLayoutFilter filter = layoutFilter(integrity);
            if (!filter.isEmpty()) {
                for (String source : sources) {
                    if (S3Location.isS3(source)) {
                        LayoutPrefixes.trailRoot(S3Location.parse(source).prefix());
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /** The key-layout selection; digests in range are listed too when the load verifies integrity. */
    KeyLayoutFilter layoutFilter(boolean digests) {
        return KeyLayoutFilter.builder()
                .accounts(accounts == null ? List.of() : accounts)
                .regions(regions == null ? List.of() : regions)
                .organizationId(organizationId)
                .from(from)
                .to(to)
                .digests(digests)
                .build();
    }

    /** The load state the options name (opened; the caller closes it), or one that remembers nothing. */
    LoadState openState() throws IOException {
        return state.open();
    }

    /** The same selection for the digest validation that {@code --verify-integrity} runs first. */
    UnaryOperator<DigestValidator.Builder> digestScope() {
        return builder -> {
            if (accounts != null && !accounts.isEmpty()) {
                builder.accounts(accounts);
            }
            if (regions != null && !regions.isEmpty()) {
                builder.regions(regions);
            }
            if (organizationId != null) {
                builder.organizationIds(List.of(organizationId));
            }
            if (from != null) {
                builder.startTime(from.atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (to != null) {
                builder.endTime(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return builder;
        };
    }

    /** @param integrity whether the load verifies integrity (then digests in a filtered range are listed too) */
    LogObjectSource sourceFor(String argument, S3Client s3Client, InputStream stdin, boolean integrity) {
        if (StdinLogObjectSource.isStdin(argument)) {
            return new StdinLogObjectSource(stdin);
        }
        KeyLayoutFilter filter = layoutFilter(integrity);
        if (S3Location.isS3(argument)) {
            S3Location location = S3Location.parse(argument);
            return new S3LogObjectSource(s3Client, location.bucket(), location.prefix(), filter);
        }
        return new LocalLogObjectSource(Path.of(argument), filter);
    }
}
