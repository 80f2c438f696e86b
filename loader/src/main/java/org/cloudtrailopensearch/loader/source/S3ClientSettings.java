package org.cloudtrailopensearch.loader.source;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach S3. Credentials always come from the AWS default provider chain (environment, profile
 * files, container or instance roles), never from options.
 *
 * @param region      empty: the default region chain, else us-east-1
 * @param endpointUrl empty: AWS; else an S3-compatible server, addressed path-style
 */
public record S3ClientSettings(Optional<String> region, Optional<URI> endpointUrl) {

    public S3Client createClient() {
        S3ClientBuilder builder = S3Client.builder().region(resolveRegion());
        endpointUrl.ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    private Region resolveRegion() {
        if (region.isPresent()) {
            return Region.of(region.get());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }
}
