package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.localnode.IntegTestModules;
import org.cloudtrailopensearch.loader.localnode.JdkLocator;
import org.cloudtrailopensearch.loader.localnode.LocalNodeConfig;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchNode;
import org.junit.jupiter.api.Assumptions;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * A local node of the version under test that only one test class uses, for tests that pause, stop or
 * restart it (the shared node of {@link OpenSearchNodeExtension} must stay up for the others). Always the
 * integ-test zip as a child process, whatever the shared node is, because only a process we started can be
 * signalled.
 */
public final class DedicatedNode implements AutoCloseable {

    private final LocalOpenSearchNode node;
    private final OpenSearchClient client;

    private DedicatedNode(LocalOpenSearchNode node) throws IOException {
        this.node = node;
        this.client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(node.httpUri()).build());
    }

    /** Starts the node; skips the calling test (assumption) where the version needs a JDK this machine lacks. */
    public static DedicatedNode start(String name) throws IOException, InterruptedException {
        LocalOpenSearchNode node = LocalOpenSearchNode.start(config(name).build());
        System.out.println("[it] dedicated node for " + name + ": " + node);
        return new DedicatedNode(node);
    }

    /**
     * A dedicated node's config for the version under test, in its own work folder {@code name} (also the template of
     * each member of a {@link DedicatedCluster}); skips the calling test (assumption) where the version needs a JDK
     * this machine lacks.
     */
    static LocalNodeConfig.Builder config(String name) throws IOException {
        String version = System.getProperty("it.opensearch.version", "");
        LocalNodeConfig.Builder config = LocalNodeConfig.builder()
                .distributionZip(TestNodeFiles.distributionZip(version))
                .workDir(TestNodeFiles.workDir().resolve(name))
                .heapSize("512m")
                // A restart on a loaded 2-core CI machine has been seen to take over 3 minutes (3.x).
                .startTimeout(Duration.ofMinutes(6));
        Path moduleJars = TestNodeFiles.moduleJars(version);
        if (Files.isDirectory(moduleJars)) {
            config.extraModules(IntegTestModules.find(moduleJars).found());
        }
        int[] range = LocalOpenSearchNode.supportedJdkRange(version);
        if (range[0] >= 21) {
            String jdk21 = System.getProperty("it.opensearch.jdk21.home", "");
            Path javaHome = !jdk21.isBlank() ? Path.of(jdk21) : JdkLocator.find(range[0], range[1]).orElse(null);
            Assumptions.assumeTrue(javaHome != null, "OpenSearch " + version + " needs JDK 21+, and none was found");
            config.javaHome(javaHome);
        }
        return config;
    }

    public URI url() {
        return node.httpUri();
    }

    /** A client with the factory's defaults (what {@code load} uses); do not close it. */
    public OpenSearchClient client() {
        return client;
    }

    /** SIGSTOP: the node keeps its sockets open but answers nothing, as in a long GC pause or a frozen VM. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Stops the node and starts it again on the same port with the same data. */
    public void restart() throws IOException, InterruptedException {
        node.restart();
    }

    private void signal(String name) throws IOException, InterruptedException {
        long pid = javaPid();
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + pid + " failed: " + output);
        }
    }

    /**
     * The node's JVM: the started process itself when the launcher exec'd java, else its java descendant (a
     * wrapper such as runuser stays in between). Stopping a wrapper would not stop the node.
     */
    private long javaPid() {
        ProcessHandle started = ProcessHandle.of(node.pid()).orElseThrow();
        List<ProcessHandle> candidates = new java.util.ArrayList<>(started.descendants().toList());
        candidates.add(started);
        return candidates.stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .min(Comparator.comparingLong(ProcessHandle::pid))
                .orElseThrow(() -> new IllegalStateException("no java process under pid " + node.pid()))
                .pid();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            resume(); // a stopped process ignores SIGTERM until it runs again
        } catch (IOException | RuntimeException e) {
            // already gone
        }
        client._transport().close();
        node.close();
        System.out.println("[it] stopped " + node);
    }
}
