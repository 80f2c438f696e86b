package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.net.URI;
import org.opensearch.testcontainers.OpenSearchContainer;
import org.testcontainers.utility.DockerImageName;

/** The Docker route: Testcontainers' OpenSearch image of the requested version, security plugin off. */
final class TestcontainersNode {

    private TestcontainersNode() {
    }

    static OpenSearchNodeExtension.StartedCluster start(String version) throws IOException {
        OpenSearchContainer<?> container = new OpenSearchContainer<>(
                DockerImageName.parse("opensearchproject/opensearch").withTag(version));
        container.start();
        OpenSearchCluster cluster = new OpenSearchCluster(URI.create(container.getHttpHostAddress()),
                "OpenSearch " + version + " in Docker (Testcontainers)");
        return OpenSearchNodeExtension.StartedCluster.of(cluster, container::stop);
    }
}
