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

        public LocalNodeConfig build() {
            return new LocalNodeConfig(this);
        }
    }
}
