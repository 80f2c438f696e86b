package org.cloudtrailopensearch.loader.localnode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A cluster of N {@link LocalOpenSearchNode}s on 127.0.0.1, each its own process, data folder and heap, that find
 * each other by unicast discovery on their transport ports. Every member holds every role (cluster manager
 * eligible, data, ingest), as the nodes of a small production cluster do. Used by the integration tests that take
 * a node away mid-load and by the scaling benchmark.
 *
 * <p>Members are numbered from 0 and named {@code node-1} ... {@code node-N}. {@link #close()} stops every member
 * by PID; each member's own shutdown hook does the same if this JVM exits first.
 */
public final class LocalOpenSearchCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<LocalOpenSearchNode> nodes;
    private final List<String> names;
    private final Duration timeout;

    private LocalOpenSearchCluster(List<LocalOpenSearchNode> nodes, List<String> names, Duration timeout) {
        this.nodes = List.copyOf(nodes);
        this.names = List.copyOf(names);
        this.timeout = timeout;
    }

    /**
     * Starts {@code size} members from {@code template} (distribution, work folder, heap per member, JDK, modules,
     * plugins, settings, start timeout; its ports, node name and discovery are replaced) and waits until all of
     * them have joined and the cluster is green. The members share the template's unpacked distribution; each has
     * its own data folder under the work folder. All members start before any is waited for: with every one of
     * them in {@code cluster.initial_cluster_manager_nodes}, none answers health before a majority runs.
     */
    public static LocalOpenSearchCluster start(LocalNodeConfig template, int size) throws IOException, InterruptedException {
        if (size < 2) {
            throw new IllegalArgumentException("a cluster has at least 2 members; use LocalOpenSearchNode for one");
        }
        if (template.httpsCaCertificate().isPresent()) {
            throw new IllegalArgumentException("a local cluster serves plain HTTP only");
        }
        List<Integer> ports = FreePorts.pick(2 * size);
        List<Integer> transportPorts = ports.subList(size, 2 * size);
        List<String> names = IntStream.rangeClosed(1, size).mapToObj(i -> "node-" + i).toList();
        LocalNodeConfig.ClusterMembership membership = new LocalNodeConfig.ClusterMembership(transportPorts, names);
        List<LocalOpenSearchNode> started = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                started.add(LocalOpenSearchNode.launch(template.toBuilder().nodeName(names.get(i))
                        .httpPort(ports.get(i)).transportPort(transportPorts.get(i)).membership(membership).build()));
            }
            LocalOpenSearchCluster cluster = new LocalOpenSearchCluster(started, names, template.startTimeout());
            for (LocalOpenSearchNode node : started) {
                node.awaitHealthy();
            }
            cluster.awaitGreen();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.forEach(LocalOpenSearchNode::close);
            throw e;
        }
    }

    public int size() {
        return nodes.size();
    }

    /** The HTTP address of every member, in member order (also of stopped ones). */
    public List<URI> httpUris() {
        return nodes.stream().map(LocalOpenSearchNode::httpUri).toList();
    }

    public LocalOpenSearchNode node(int member) {
        return nodes.get(member);
    }

    /** The member's {@code node.name}. */
    public String nodeName(int member) {
        return names.get(member);
    }

    /** The member that is the elected cluster manager now, as a running member sees it. */
    public int clusterManager() throws IOException, InterruptedException {
        String name = get(runningMember(), "/_cat/cluster_manager?h=node").trim();
        int member = names.indexOf(name);
        if (member < 0) {
            throw new IOException("the cluster names " + name + " as its cluster manager, not one of " + names);
        }
        return member;
    }

    /** Stops one member by PID, keeping its data; the others go on without it (yellow, then green again). */
    public void stopNode(int member) {
        nodes.get(member).stop();
    }

    /**
     * Starts a stopped member again on the same ports with the same data and waits until it has joined, i.e. the
     * cluster counts all its members again. It does not wait for green: its shard copies may still be recovering.
     */
    public void startNode(int member) throws IOException, InterruptedException {
        nodes.get(member).startAgain();
        awaitHealth("yellow", size());
    }

    /** Waits until all members have joined and every shard copy is allocated. */
    public void awaitGreen() throws IOException, InterruptedException {
        awaitHealth("green", size());
    }

    /**
     * Waits, up to the start timeout, until a running member reports at least {@code status} with exactly
     * {@code members} nodes ({@code _cluster/health?wait_for_nodes=N&wait_for_status=S}).
     */
    public void awaitHealth(String status, int members) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no member answered";
        while (Instant.now().isBefore(deadline)) {
            try {
                JsonNode health = JSON.readTree(get(runningMember(), "/_cluster/health?wait_for_nodes=" + members
                        + "&wait_for_status=" + status + "&timeout=5s"));
                if (!health.path("timed_out").asBoolean(true)) {
                    return;
                }
                last = health.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("the cluster was not " + status + " with " + members + " nodes within " + timeout
                + "; last answer: " + last);
    }

    private LocalOpenSearchNode runningMember() throws IOException {
        return nodes.stream().filter(LocalOpenSearchNode::isRunning).findFirst()
                .orElseThrow(() -> new IOException("no member of the cluster is running"));
    }

    private static String get(LocalOpenSearchNode node, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.httpUri().resolve(path)).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        // 408: wait_for_* timed out; the body still says how far the cluster got.
        if (response.statusCode() != 200 && response.statusCode() != 408) {
            throw new IOException("GET " + path + " on " + node.httpUri() + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    /** Stops every member by PID (SIGTERM, then SIGKILL after a grace period); all are stopped even if one fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (LocalOpenSearchNode node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "OpenSearch " + nodes.get(0).version() + " cluster of " + size() + " nodes at " + httpUris();
    }
}
