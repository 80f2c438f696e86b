package org.cloudtrailopensearch.loader.localnode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How to start a {@link LocalOpenSearchNode}: which distribution, where, with which JDK. Immutable. */
public final class LocalNodeConfig {

    private final Path distributionZip;
    private final Path workDir;
    private final Path javaHome;
    private final String heapSize;
    private final Duration startTimeout;
    private final int httpPort;
    private final List<ExtraModule> extraModules;
    private final List<Path> plugins;
    private final HomePreparation homePreparation;
    private final Map<String, String> settings;
    private final Path httpsCaCertificate;
    private final String clusterName;
    private final String nodeName;
    private final int transportPort;
    private final ClusterMembership membership;

    private LocalNodeConfig(Builder builder) {
        this.distributionZip = Objects.requireNonNull(builder.distributionZip, "distributionZip");
        this.workDir = Objects.requireNonNull(builder.workDir, "workDir");
        this.javaHome = builder.javaHome;
        this.heapSize = builder.heapSize;
        this.startTimeout = builder.startTimeout;
        this.httpPort = builder.httpPort;
        this.extraModules = List.copyOf(builder.extraModules);
        this.plugins = List.copyOf(builder.plugins);
        this.homePreparation = builder.homePreparation;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(builder.settings));
        this.httpsCaCertificate = builder.httpsCaCertificate;
        this.clusterName = builder.clusterName;
        this.nodeName = builder.nodeName;
        this.transportPort = builder.transportPort;
        this.membership = builder.membership;
        if (membership != null && (nodeName == null || transportPort == 0)) {
            throw new IllegalArgumentException("a cluster member needs a node name and a fixed transport port, "
                    + "which the other members' discovery.seed_hosts name");
        }
    }

    /**
     * How a node finds the other members of a multi-node cluster on 127.0.0.1. Both 2.19 and 3.x take
     * {@code discovery.seed_hosts} and {@code cluster.initial_cluster_manager_nodes} (3.x dropped the old
     * {@code cluster.initial_master_nodes}).
     *
     * @param seedTransportPorts the transport ports of the other members (this node's own may be among them)
     * @param initialClusterManagerNodes the node names that vote in the first election; the same on every member
     */
    public record ClusterMembership(List<Integer> seedTransportPorts, List<String> initialClusterManagerNodes) {
        public ClusterMembership {
            seedTransportPorts = List.copyOf(seedTransportPorts);
            initialClusterManagerNodes = List.copyOf(initialClusterManagerNodes);
            if (seedTransportPorts.isEmpty() || initialClusterManagerNodes.isEmpty()) {
                throw new IllegalArgumentException("a cluster member needs seed hosts and initial cluster-manager nodes");
            }
        }
    }

    /** Work on the distribution home after the modules and plugins are installed, before every start. */
    @FunctionalInterface
    public interface HomePreparation {
        void prepare(Path home, Path javaHome) throws IOException, InterruptedException;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code org.opensearch.distribution.integ-test-zip:opensearch} zip. */
    public Path distributionZip() {
        return distributionZip;
    }

    /** Where the distribution is unpacked and the node keeps its data and log. */
    public Path workDir() {
        return workDir;
    }

    /** The JDK to run the node with; empty means: pick one that the distribution's version needs. */
    public Optional<Path> javaHome() {
        return Optional.ofNullable(javaHome);
    }

    public String heapSize() {
        return heapSize;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    /** HTTP port on 127.0.0.1; 0 picks a free one. */
    public int httpPort() {
        return httpPort;
    }

    /**
     * Modules to add to the distribution's {@code modules/} folder after unpacking, each only if the
     * distribution lacks it (see {@link IntegTestModules} for the ones the 2.x integ-test zip lacks).
     */
    public List<ExtraModule> extraModules() {
        return extraModules;
    }

    /** Plugin zips to install with {@code bin/opensearch-plugin install --batch}, once per unpacked home. */
    public List<Path> plugins() {
        return plugins;
    }

    public Optional<HomePreparation> homePreparation() {
        return Optional.ofNullable(homePreparation);
    }

    /** Extra node settings, passed as {@code -Ekey=value} after the ones the node always gets. */
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Set when the settings make the node serve HTTPS (the security plugin): the CA that signed its certificate.
     * The node's URL is then {@code https://}, and its health check, which sends no credentials, counts a 401
     * as ready, since the security plugin answers 401 only once its configuration is loaded.
     */
    public Optional<Path> httpsCaCertificate() {
        return Optional.ofNullable(httpsCaCertificate);
    }

    public String clusterName() {
        return clusterName;
    }

    /** The node's {@code node.name}; empty lets OpenSearch name it after the host. */
    public Optional<String> nodeName() {
        return Optional.ofNullable(nodeName);
    }

    /** Transport port on 127.0.0.1; 0 picks a free one. */
    public int transportPort() {
        return transportPort;
    }

    /** Empty: a single-node cluster ({@code discovery.type: single-node}); else how this member finds the others. */
    public Optional<ClusterMembership> membership() {
        return Optional.ofNullable(membership);
    }

    /** A builder with every value of this config, to derive a variant (e.g. one cluster member from a template). */
    public Builder toBuilder() {
        return new Builder().distributionZip(distributionZip).workDir(workDir).javaHome(javaHome)
                .heapSize(heapSize).startTimeout(startTimeout).httpPort(httpPort).extraModules(extraModules)
                .plugins(plugins).homePreparation(homePreparation).settings(settings)
                .httpsCaCertificate(httpsCaCertificate).clusterName(clusterName).nodeName(nodeName)
                .transportPort(transportPort).membership(membership);
    }

    /** Builder for {@link LocalNodeConfig}. */
    public static final class Builder {
        private Path distributionZip;
        private Path workDir;
        private Path javaHome;
        private String heapSize = "512m";
        private Duration startTimeout = Duration.ofMinutes(3);
        private int httpPort;
        private final List<ExtraModule> extraModules = new ArrayList<>();
        private final List<Path> plugins = new ArrayList<>();
        private HomePreparation homePreparation;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Path httpsCaCertificate;
        private String clusterName = "cloudtrail-opensearch-local";
        private String nodeName;
        private int transportPort;
        private ClusterMembership membership;

        private Builder() {
        }

        public Builder distributionZip(Path distributionZip) {
            this.distributionZip = distributionZip;
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        public Builder heapSize(String heapSize) {
            this.heapSize = Objects.requireNonNull(heapSize);
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout);
            return this;
        }

        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        public Builder extraModules(List<ExtraModule> modules) {
            this.extraModules.addAll(modules);
            return this;
        }

        public Builder plugins(List<Path> pluginZips) {
            this.plugins.addAll(pluginZips);
            return this;
        }

        public Builder homePreparation(HomePreparation preparation) {
            this.homePreparation = preparation;
            return this;
        }

        public Builder settings(Map<String, String> nodeSettings) {
            this.settings.putAll(nodeSettings);
            return this;
        }

        public Builder httpsCaCertificate(Path caPem) {
            this.httpsCaCertificate = caPem;
            return this;
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName);
            return this;
        }

        public Builder nodeName(String nodeName) {
            this.nodeName = nodeName;
            return this;
        }

        public Builder transportPort(int transportPort) {
            this.transportPort = transportPort;
            return this;
        }

        /** Makes the node a member of a multi-node cluster; null (the default) keeps it a single-node cluster. */
        public Builder membership(ClusterMembership membership) {
            this.membership = membership;
            return this;
        }

        public LocalNodeConfig build() {
            return new LocalNodeConfig(this);
        }
    }
}
