package org.cloudtrailopensearch.it.support;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An {@link S3ProxyServer} with one empty bucket for the whole test class; register it as a static
 * {@code @RegisterExtension} field. Its {@code beforeAll} runs before the class's own {@code @BeforeAll} methods, so
 * those can already put objects in the bucket.
 */
public final class S3BucketExtension implements BeforeAllCallback, AfterAllCallback {

    private final String bucket;
    private S3ProxyServer server;

    public S3BucketExtension(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = S3ProxyServer.start();
        try (S3Client client = server.client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** See {@link S3ProxyServer#client()}; the caller closes it. */
    public S3Client client() {
        return server.client();
    }

    public S3Requests requests() {
        return server.requests();
    }

    public URI endpoint() {
        return server.endpoint();
    }
}
