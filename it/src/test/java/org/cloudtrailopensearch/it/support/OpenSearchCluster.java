package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.net.URI;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The OpenSearch a test class talks to: a local test node, a Testcontainers node, or an existing
 * cluster named by {@code -Dit.opensearch.url}.
 */
public final class OpenSearchCluster {

    private final URI url;
    private final String description;
    private final OpenSearchClient client;

    OpenSearchCluster(URI url, String description) throws IOException {
        this.url = url;
        this.description = description;
        this.client = OpenSearchClientFactory.create(target());
    }

    public URI url() {
        return url;
    }

    public OpenSearchTarget target() {
        return OpenSearchTarget.builder().url(url).build();
    }

    /** A client shared by the tests of this run; do not close it. */
    public OpenSearchClient client() {
        return client;
    }

    /** The version the server itself reports. */
    public String serverVersion() throws IOException {
        return client.info().version().number();
    }

    @Override
    public String toString() {
        return description;
    }
}
