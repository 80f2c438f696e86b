package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cloudtrailopensearch.loader.localnode.IntegTestModules;
import org.cloudtrailopensearch.loader.localnode.JdkLocator;
import org.cloudtrailopensearch.loader.localnode.LocalNodeConfig;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opensearch.client.opensearch.cat.indices.IndicesRecord;

/**
 * Gives test classes a real OpenSearch of the version named by {@code -Dit.opensearch.version}.
 *
 * <p>One node serves the whole test run (it is stored in the root context and stopped by PID when the run
 * ends, also when tests fail; a shutdown hook covers an interrupted JVM). Before each test the project's
 * indices are deleted, so every test starts from an empty-enough cluster. Where the node comes from:
 * <ol>
 *   <li>{@code -Dit.opensearch.url=...}: an existing cluster;</li>
 *   <li>a Docker engine that answers: Testcontainers' OpenSearch image of that version;</li>
 *   <li>otherwise the integ-test distribution zip that Maven copied to {@code it.opensearch.dist.dir},
 *       started as a child process ({@link LocalOpenSearchNode}). The 2.x zip lacks lang-painless and geo;
 *       the node gets them from the jars Maven copied to {@code it.opensearch.modules.dir/<version>/}
 *       ({@link IntegTestModules}), so both versions run painless scripts and geo aggregations.</li>
 * </ol>
 */
public final class OpenSearchNodeExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OpenSearchNodeExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        OpenSearchCluster cluster = cluster(context);
        List<String> ours = cluster.client().cat().indices(r -> r.index("cloudtrail*", "it-*")).valueBody().stream()
                .map(IndicesRecord::index).toList();
        if (!ours.isEmpty()) {
            cluster.client().indices().delete(d -> d.index(ours));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenSearchCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    private static OpenSearchCluster cluster(ExtensionContext context) {
        StartedCluster started = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StartedCluster.class, key -> StartedCluster.start(), StartedCluster.class);
        Assumptions.assumeTrue(started.cluster != null, started.skipReason);
        return started.cluster;
    }

    /** The started node and how to stop it; JUnit closes it when the root context ends. */
    @SuppressWarnings("deprecation") // JUnit 5 closes CloseableResource; AutoCloseable is its successor
    static final class StartedCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final OpenSearchCluster cluster;
        final String skipReason;
        private final AutoCloseable stopper;

        private StartedCluster(OpenSearchCluster cluster, String skipReason, AutoCloseable stopper) {
            this.cluster = cluster;
            this.skipReason = skipReason;
            this.stopper = stopper;
        }

        static StartedCluster start() {
            String version = System.getProperty("it.opensearch.version", "");
            try {
                String external = System.getProperty("it.opensearch.url", "");
                if (!external.isBlank()) {
                    OpenSearchCluster cluster = new OpenSearchCluster(URI.create(external), "existing cluster " + external);
                    announce(cluster);
                    return new StartedCluster(cluster, null, () -> { });
                }
                if (DockerProbe.dockerAnswers()) {
                    return TestcontainersNode.start(version);
                }
                return startLocalNode(version);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start OpenSearch " + version + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting OpenSearch " + version, e);
            }
        }

        private static StartedCluster startLocalNode(String version) throws IOException, InterruptedException {
            LocalNodeConfig.Builder config = LocalNodeConfig.builder()
                    .distributionZip(TestNodeFiles.distributionZip(version))
                    .workDir(TestNodeFiles.workDir())
                    .heapSize("512m");
            // Only the 2.x version has a folder here; the 3.x zips already ship every module.
            Path moduleJars = TestNodeFiles.moduleJars(version);
            if (version.startsWith("2.") && !Files.isDirectory(moduleJars)) {
                // Without lang-painless and geo the 2.x node cannot run maps, moving averages or monitor triggers.
                throw new IOException("the module jars for OpenSearch " + version + " are missing under " + moduleJars
                        + "; run the tests through Maven");
            }
            if (Files.isDirectory(moduleJars)) {
                IntegTestModules.Lookup modules = IntegTestModules.find(moduleJars);
                if (!modules.missing().isEmpty()) {
                    throw new IOException("the module jars " + modules.missing() + " are missing under " + moduleJars
                            + "; run the tests through Maven");
                }
                config.extraModules(modules.found());
            }
            String jdk21 = System.getProperty("it.opensearch.jdk21.home", "");
            int[] range = LocalOpenSearchNode.supportedJdkRange(version);
            if (range[0] >= 21) {
                Path javaHome = !jdk21.isBlank() ? Path.of(jdk21) : JdkLocator.find(range[0], range[1]).orElse(null);
                if (javaHome == null) {
                    String reason = "SKIPPED: OpenSearch " + version + " needs JDK 21+, and none was found "
                            + "(set -Dit.opensearch.jdk21.home=...)";
                    System.out.println("[it] " + reason);
                    return new StartedCluster(null, reason, () -> { });
                }
                config.javaHome(javaHome);
            }
            LocalOpenSearchNode node = LocalOpenSearchNode.start(config.build());
            node.extraModuleReport().forEach(line -> System.out.println("[it] module " + line));
            OpenSearchCluster cluster = new OpenSearchCluster(node.httpUri(), node.toString());
            announce(cluster);
            return new StartedCluster(cluster, null, () -> {
                node.close();
                System.out.println("[it] stopped OpenSearch " + node.version() + " (pid " + node.pid() + ")");
            });
        }

        static StartedCluster of(OpenSearchCluster cluster, AutoCloseable stopper) throws IOException {
            announce(cluster);
            return new StartedCluster(cluster, null, stopper);
        }

        private static void announce(OpenSearchCluster cluster) throws IOException {
            System.out.println("[it] integration tests run against " + cluster + "; the server reports version "
                    + cluster.serverVersion());
        }

        @Override
        public void close() {
            try {
                stopper.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop " + cluster, e);
            }
        }
    }
}
