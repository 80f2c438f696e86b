package org.cloudtrailopensearch.loader.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.digest.CloudTrailPublicKeys;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.digest.JsonReportRenderer;
import org.cloudtrailopensearch.digest.LocalPublicKeys;
import org.cloudtrailopensearch.digest.LocalTrailSource;
import org.cloudtrailopensearch.digest.PublicKeySource;
import org.cloudtrailopensearch.digest.S3TrailSource;
import org.cloudtrailopensearch.digest.TextReportRenderer;
import org.cloudtrailopensearch.digest.TrailSource;
import org.cloudtrailopensearch.digest.ValidationReport;
import org.cloudtrailopensearch.loader.source.S3ClientSettings;
import org.cloudtrailopensearch.loader.source.S3Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
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

    @Option(names = "--public-keys", paramLabel = "FILE", description = "Public key file(s); repeatable.")
    List<Path> publicKeyFiles;

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

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "S3-compatible endpoint (path-style) instead of AWS.")
    URI endpointUrl;

    @Option(names = "--bucket-region", paramLabel = "REGION",
            description = "AWS region of the bucket (default: the AWS default region chain, else us-east-1).")
    String bucketRegion;

    @Override
    public Integer call() {
        if (!output.equals("text") && !output.equals("json")) {
            System.err.println("validate: --output must be text or json");
            return 2;
        }
        S3Client s3 = null;
        CloudTrailPublicKeys cloudTrailKeys = null;
        try {
            TrailSource trail;
            if (S3Location.isS3(source)) {
                S3Location location = S3Location.parse(source);
                s3 = new S3ClientSettings(Optional.ofNullable(bucketRegion), Optional.ofNullable(endpointUrl)).createClient();
                trail = new S3TrailSource(s3, location.bucket(), location.prefix());
            } else {
                Path folder = Path.of(source);
                if (!Files.isDirectory(folder)) {
                    System.err.println("validate: not a folder: " + folder);
                    return 2;
                }
                trail = new LocalTrailSource(folder);
            }
            PublicKeySource keys;
            Path besideTrail = S3Location.isS3(source) ? null : Path.of(source, "public-keys.json");
            if (publicKeyFiles != null && !publicKeyFiles.isEmpty()) {
                keys = LocalPublicKeys.load(publicKeyFiles);
            } else if (besideTrail != null && Files.isRegularFile(besideTrail)) {
                System.err.println("validate: using " + besideTrail + " - keys stored next to the data prove consistency, "
                        + "not authenticity; pass --public-keys with a trusted copy (e.g. saved from aws cloudtrail list-public-keys)");
                keys = LocalPublicKeys.load(List.of(besideTrail));
            } else {
                cloudTrailKeys = new CloudTrailPublicKeys();
                keys = cloudTrailKeys;
            }
            DigestValidator.Builder builder = DigestValidator.builder().source(trail).publicKeys(keys)
                    .startTime(startTime).endTime(endTime);
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
            ValidationReport report = builder.build().validate();
            System.out.print(output.equals("json") ? JsonReportRenderer.render(report) + "\n"
                    : TextReportRenderer.render(report, verbose));
            return report.exitCode();
        } catch (Exception e) {
            System.err.println("validate: could not run: " + e.getMessage());
            return 2;
        } finally {
            if (cloudTrailKeys != null) {
                cloudTrailKeys.close();
            }
            if (s3 != null) {
                s3.close();
            }
        }
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
