package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.util.List;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchCluster;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * A multi-node cluster of the version under test on 127.0.0.1 that only one test class uses, for tests that stop
 * and start one of its nodes. Its members are {@link DedicatedNode}'s config with a smaller heap each, so that
 * three of them, the build and the loader fit on a 2-core CI machine.
 */
public final class DedicatedCluster implements AutoCloseable {

    private static final String HEAP_PER_NODE = "384m";

    private final LocalOpenSearchCluster cluster;
    private final OpenSearchClient client;

    private DedicatedCluster(LocalOpenSearchCluster cluster) throws IOException {
        this.cluster = cluster;
        this.client = OpenSearchClientFactory.create(target());
    }

    /** Starts {@code size} nodes and waits until the cluster is green; skips the test where the JDK is missing. */
    public static DedicatedCluster start(String name, int size) throws IOException, InterruptedException {
        long started = System.nanoTime();
        LocalOpenSearchCluster cluster = LocalOpenSearchCluster.start(
                DedicatedNode.config(name).heapSize(HEAP_PER_NODE).build(), size);
        System.out.printf("[it] dedicated cluster for %s: %s, green after %.0f s%n", name, cluster,
                (System.nanoTime() - started) / 1e9);
        return new DedicatedCluster(cluster);
    }

    /** Every node's URL: what {@code load --opensearch-url} takes for a cluster. */
    public OpenSearchTarget target() {
        return OpenSearchTarget.builder().urls(cluster.httpUris()).build();
    }

    /** A client over every node (what {@code load} uses with several URLs); do not close it. */
    public OpenSearchClient client() {
        return client;
    }

    public LocalOpenSearchCluster nodes() {
        return cluster;
    }

    /** The node names, in member order. */
    public List<String> nodeNames() {
        return java.util.stream.IntStream.range(0, cluster.size()).mapToObj(cluster::nodeName).toList();
    }

    @Override
    public void close() throws IOException {
        try {
            client._transport().close();
        } finally {
            cluster.close();
            System.out.println("[it] stopped " + cluster);
        }
    }
}
