package org.cloudtrailopensearch.loader.localnode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private LocalNodeConfig(Builder builder) {
        this.distributionZip = Objects.requireNonNull(builder.distributionZip, "distributionZip");
        this.workDir = Objects.requireNonNull(builder.workDir, "workDir");
        this.javaHome = builder.javaHome;
        this.heapSize = builder.heapSize;
        this.startTimeout = builder.startTimeout;
        this.httpPort = builder.httpPort;
        this.extraModules = List.copyOf(builder.extraModules);
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

    /** Builder for {@link LocalNodeConfig}. */
    public static final class Builder {
        private Path distributionZip;
        private Path workDir;
        private Path javaHome;
        private String heapSize = "512m";
        private Duration startTimeout = Duration.ofMinutes(3);
        private int httpPort;
        private final List<ExtraModule> extraModules = new ArrayList<>();

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

        public LocalNodeConfig build() {
            return new LocalNodeConfig(this);
        }
    }
}
