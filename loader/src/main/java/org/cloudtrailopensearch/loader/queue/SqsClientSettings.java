package org.cloudtrailopensearch.loader.queue;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * How to reach SQS. Credentials always come from the AWS default provider chain, never from options.
 *
 * @param queueUrl    the queue; on AWS its host names the region ({@code sqs.REGION.amazonaws.com})
 * @param endpointUrl empty: AWS; else an SQS-compatible server (ElasticMQ, LocalStack)
 */
public record SqsClientSettings(URI queueUrl, Optional<URI> endpointUrl) {

    private static final Pattern AWS_HOST = Pattern.compile("sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    public SqsClient createClient() {
        SqsClientBuilder builder = SqsClient.builder().region(region());
        endpointUrl.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The queue URL's region on AWS, else the default region chain, else us-east-1. */
    Region region() {
        Matcher aws = AWS_HOST.matcher(queueUrl.getHost() == null ? "" : queueUrl.getHost());
        if (aws.matches()) {
            return Region.of(aws.group(1));
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }
}
