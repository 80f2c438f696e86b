package org.cloudtrailopensearch.loader.cli;

import java.net.URI;
import java.util.Optional;
import org.cloudtrailopensearch.loader.source.S3ClientSettings;
import picocli.CommandLine.Option;

/** Options for reading from S3; credentials come from the AWS default provider chain. */
public final class S3Options {

    @Option(names = "--bucket-region", paramLabel = "REGION",
            description = "AWS region of the bucket (default: the AWS default region chain, else us-east-1).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "An S3-compatible endpoint instead of AWS (path-style addressing).")
    URI endpointUrl;

    S3ClientSettings toSettings() {
        return new S3ClientSettings(Optional.ofNullable(region), Optional.ofNullable(endpointUrl));
    }
}
