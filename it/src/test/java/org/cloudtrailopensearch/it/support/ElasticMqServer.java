package org.cloudtrailopensearch.it.support;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A real SQS API server in this JVM (ElasticMQ, in memory) on a free loopback port; stop it with {@link #close()}. */
public final class ElasticMqServer implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private ElasticMqServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ElasticMqServer start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        System.out.println("[it] ElasticMQ listening on 127.0.0.1:" + port);
        return new ElasticMqServer(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client for arranging and checking queues; the caller closes it. ElasticMQ takes any credentials. */
    public SqsClient client() {
        return SqsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
                .build();
    }

    /** Creates a queue with these attributes and returns its URL. */
    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        try (SqsClient sqs = client()) {
            return sqs.createQueue(c -> c.queueName(name).attributes(attributes)).queueUrl();
        }
    }

    /** Messages visible, and in flight (received, not deleted), as the server counts them. */
    public long[] depth(String queueUrl) {
        try (SqsClient sqs = client()) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return new long[] {Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                    Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))};
        }
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
