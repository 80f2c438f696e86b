package org.cloudtrailopensearch.loader.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.digest.JsonReportRenderer;
import org.cloudtrailopensearch.digest.TextReportRenderer;
import org.cloudtrailopensearch.digest.ValidationReport;
import org.cloudtrailopensearch.loader.source.S3Location;
import org.cloudtrailopensearch.loader.validate.TrailValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code validate}: log-file integrity from digest chains (logic in the digest-validator module). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate CloudTrail log files against their signed digest chains: every account and region "
                + "(each its own chain) unless filtered; digest signatures, chain links, log hashes, gaps, and log "
                + "files present but named by no digest.",
                "Public keys: --public-keys files (ListPublicKeys JSON, PEM or DER), else DIR/public-keys.json for a "
                + "local folder, else CloudTrail ListPublicKeys with the AWS default credential chain.",
                "Exit code: 0 all valid, 1 anything invalid, missing or unreferenced (or no digests), 2 could not run."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR|s3://bucket/prefix", description = "Folder or bucket holding AWSLogs/.")
    String source;

    @Mixin
    PublicKeyOptions publicKeys;

    @Mixin
    S3Options s3;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json", description = "Report format (default: text).")
    String output;

    @Option(names = {"-v", "--verbose"}, description = "Also list valid files.")
    boolean verbose;

    @Option(names = "--account", split = ",", paramLabel = "ID", description = "Only these accounts.")
    List<String> accounts;

    @Option(names = "--region", split = ",", paramLabel = "REGION", description = "Only these delivery regions.")
    List<String> regions;

    @Option(names = "--organization-id", split = ",", paramLabel = "o-ID", description = "Only these organisation trails.")
    List<String> organizationIds;

    @Option(names = "--trail", split = ",", paramLabel = "NAME", description = "Only these trail names.")
    List<String> trails;

    @Option(names = "--start-time", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Digests ending at or after this (ISO instant or date, UTC).")
    Instant startTime;

    @Option(names = "--end-time", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Logs delivered up to this (ISO instant or date, UTC).")
    Instant endTime;

    @Option(names = "--threads", paramLabel = "N", description = "Parallel log downloads (default: 32 for S3, cores for a folder).")
    Integer threads;

    @Override
    public Integer call() {
        if (!output.equals("text") && !output.equals("json")) {
            System.err.println("validate: --output must be text or json");
            return 2;
        }
        try (S3Client s3Client = S3Location.isS3(source) ? s3.toSettings().createClient() : null) {
            ValidationReport report = new TrailValidation(publicKeys.files(), System.err)
                    .validate(source, s3Client, this::withFilters);
            System.out.print(output.equals("json") ? JsonReportRenderer.render(report) + "\n"
                    : TextReportRenderer.render(report, verbose));
            return report.exitCode();
        } catch (Exception e) {
            System.err.println("validate: could not run: " + e.getMessage());
            return 2;
        }
    }

    private DigestValidator.Builder withFilters(DigestValidator.Builder builder) {
        builder.startTime(startTime).endTime(endTime);
        if (accounts != null) {
            builder.accounts(accounts);
        }
        if (regions != null) {
            builder.regions(regions);
        }
        if (organizationIds != null) {
            builder.organizationIds(organizationIds);
        }
        if (trails != null) {
            builder.trailNames(trails);
        }
        if (threads != null) {
            builder.threads(threads);
        }
        return builder;
    }

    /** Accepts an ISO-8601 instant ({@code 2026-01-05T10:00:00Z}) or a date ({@code 2026-01-05}, UTC midnight). */
    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
    }
}
