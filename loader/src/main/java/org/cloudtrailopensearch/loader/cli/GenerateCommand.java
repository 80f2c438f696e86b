package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.loader.source.S3Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code generate}: a realistic, signed sample trail (logic in the trail-generator module). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a realistic CloudTrail trail: gzipped log files and hourly signed, chained digest files "
                + "in CloudTrail's key layout, plus the signing public keys as a ListPublicKeys response "
                + "(DIR/public-keys.json, or <prefix>public-keys.json in the bucket).",
                "Local digests keep their S3 signature metadata in <digest>.metadata.json sidecars.",
                "Exit code: 0 written, 2 could not write."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR|s3://bucket/prefix", description = "Where to write.")
    String out;

    @Option(names = "--hours", defaultValue = "24", description = "Hours of activity (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--accounts", defaultValue = "2", description = "Number of accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Seed; same seed, same trail (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "Trail regions, each its own digest chain (default: us-east-1,eu-west-1).")
    List<String> regions;

    @Option(names = "--events-per-hour", defaultValue = "240",
            description = "Mean records per hour per account and region (default: ${DEFAULT-VALUE}).")
    int eventsPerHour;

    @Option(names = "--log-files-per-hour", defaultValue = "12",
            description = "Log files per hour per account and region (default: ${DEFAULT-VALUE}).")
    int logFilesPerHour;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Start, e.g. 2026-01-05T00:00:00Z (default: that).")
    Instant start;

    @Option(names = "--organization-id", paramLabel = "o-ID", description = "Write an organisation trail (AWSLogs/o-ID/...).")
    String organizationId;

    @Option(names = "--trail-name", defaultValue = "management-events", description = "Trail name (default: ${DEFAULT-VALUE}).")
    String trailName;

    @Option(names = "--bucket-name", paramLabel = "NAME",
            description = "Bucket name local digests refer to (default: aws-cloudtrail-logs-demo; S3 output uses the real bucket).")
    String bucketName;

    @Option(names = "--empty-hour-percent", defaultValue = "5",
            description = "Share of hours without log files, still covered by empty digests (default: ${DEFAULT-VALUE}).")
    int emptyHourPercent;

    @Option(names = "--incident",
            description = {"Plant a scripted security incident (129 records in the first account, in the hour starting "
                    + "4 hours before the end) and write beside the trail: threat-indicators.csv (for load --threat-indicators), "
                    + "admin-users.txt (for load --admin-users) and planted-events.ndjson (one line per planted record)."})
    boolean incident;

    @Option(names = "--quiet",
            description = "Leave the rare security-relevant events out of the random activity (root use, tampering, "
                    + "public grants, AccessDenied bursts ...): a trail on which the monitors should stay silent.")
    boolean quiet;

    @Mixin
    S3Options s3Options;

    @Override
    public Integer call() {
        try {
            TrailGenerator.Builder builder = TrailGenerator.builder().hours(hours).accounts(accounts).seed(seed)
                    .eventsPerHour(eventsPerHour).logFilesPerHour(logFilesPerHour).trailName(trailName)
                    .emptyHourPercent(emptyHourPercent).organizationId(organizationId)
                    .incident(incident).securityEvents(!quiet);
            if (regions != null && !regions.isEmpty()) {
                builder.regions(regions);
            }
            if (start != null) {
                builder.start(start);
            }
            if (bucketName != null) {
                builder.bucket(bucketName);
            }
            TrailGenerator generator = builder.build();
            GenerationSummary summary;
            if (S3Location.isS3(out)) {
                S3Location location = S3Location.parse(out);
                try (S3Client s3 = s3Options.toSettings().createClient()) {
                    summary = generator.writeTo(s3, location.bucket(), location.prefix());
                }
            } else {
                summary = generator.writeTo(Path.of(out));
            }
            System.out.println("Wrote " + summary);
            return 0;
        } catch (Exception e) {
            System.err.println("generate: " + e.getMessage());
            return 2;
        }
    }
}
