package org.cloudtrailopensearch.it.support;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An {@link ElasticMqServer} for the whole test class; register it as a static {@code @RegisterExtension} field. Each
 * test creates the queues it needs ({@link #createQueue}), so tests of one class never share a queue.
 */
public final class ElasticMqExtension implements BeforeAllCallback, AfterAllCallback {

    private ElasticMqServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ElasticMqServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** See {@link ElasticMqServer#client()}; the caller closes it. */
    public SqsClient client() {
        return server.client();
    }

    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        return server.createQueue(name, attributes);
    }

    /** See {@link ElasticMqServer#depth}. */
    public long[] depth(String queueUrl) {
        return server.depth(queueUrl);
    }
}
