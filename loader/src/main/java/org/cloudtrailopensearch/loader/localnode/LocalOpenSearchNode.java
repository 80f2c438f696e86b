package org.cloudtrailopensearch.loader.localnode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single-node OpenSearch started from the integ-test distribution zip as a child process on
 * 127.0.0.1. Used by the {@code demo} command and by the integration tests.
 *
 * <p>OpenSearch refuses to run as root. When this JVM is root, the node is started inside a user
 * namespace ({@code unshare --user}) in which it is uid 1000; where that is not allowed, it falls back to
 * {@code runuser} with the {@code nobody} account. The node's output goes to a log file and its stdin is
 * {@code /dev/null}, so nothing holds a pipe to this JVM. {@link #close()} stops it by PID, and a
 * shutdown hook does the same if this JVM exits first.
 */
public final class LocalOpenSearchNode implements AutoCloseable {

    private static final Pattern VERSION_IN_NAME = Pattern.compile("opensearch-(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String version;
    private final Path home;
    private final Path logFile;
    private final Path javaHome;
    private final URI httpUri;
    private final List<ModuleInstaller.Outcome> moduleOutcomes;
    private final ProcessBuilder launcher;
    private final Duration startTimeout;
    /** The CA to trust when the node serves HTTPS (a secured test node), else empty. */
    private final java.util.Optional<Path> httpsCaCertificate;
    /** Replaced by {@link #restart()}. */
    private volatile Process process;
    private final int transportPort;
    private final Thread shutdownHook;

    private LocalOpenSearchNode(String version, Path home, Path logFile, Path javaHome, URI httpUri,
            List<ModuleInstaller.Outcome> moduleOutcomes, ProcessBuilder launcher, Duration startTimeout,
            java.util.Optional<Path> httpsCaCertificate, Process process, int transportPort) {
        this.version = version;
        this.home = home;
        this.logFile = logFile;
        this.javaHome = javaHome;
        this.httpUri = httpUri;
        this.moduleOutcomes = moduleOutcomes;
        this.launcher = launcher;
        this.startTimeout = startTimeout;
        this.httpsCaCertificate = httpsCaCertificate;
        this.process = process;
        this.transportPort = transportPort;
        this.shutdownHook = new Thread(this::stopProcess, "stop-opensearch-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Unpacks (once), adds the config's extra modules the distribution lacks, starts and waits until the node's cluster health is at least yellow. */
    public static LocalOpenSearchNode start(LocalNodeConfig config) throws IOException, InterruptedException {
        LocalOpenSearchNode node = launch(config);
        try {
            node.awaitHealthy(config.startTimeout(), config.httpsCaCertificate());
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /**
     * Prepares the home and starts the process without waiting for it: a member of a multi-node cluster answers
     * health only once enough members to elect a cluster manager run, so {@link LocalOpenSearchCluster} launches
     * them all first and then waits with {@link #awaitHealthy()}.
     */
    static LocalOpenSearchNode launch(LocalNodeConfig config) throws IOException, InterruptedException {
        String version = versionOf(config.distributionZip());
        Path javaHome = config.javaHome().orElseGet(() -> defaultJavaHome(version));
        Path home = DistributionUnpacker.unpack(config.distributionZip(), config.workDir().resolve("dist"));
        List<ModuleInstaller.Outcome> moduleOutcomes = ModuleInstaller.install(home, version, config.extraModules());
        PluginInstaller.install(home, javaHome, config.plugins());
        if (config.homePreparation().isPresent()) {
            config.homePreparation().get().prepare(home, javaHome);
        }
        int httpPort = config.httpPort() == 0 ? freePort() : config.httpPort();
        int transportPort = config.transportPort() == 0 ? freePort() : config.transportPort();
        Path nodeDir = config.workDir().resolve("node-" + version + "-" + httpPort);
        Folders.deleteRecursively(nodeDir);
        Files.createDirectories(nodeDir.resolve("data"));
        Files.createDirectories(nodeDir.resolve("logs"));
        // OpenSearch otherwise makes an opensearch-NNNN folder in /tmp at every start and never removes it.
        Path tmpDir = Files.createDirectories(nodeDir.resolve("tmp"));
        Path logFile = nodeDir.resolve("opensearch.out");

        List<String> command = new ArrayList<>(RootDrop.prefix(home, nodeDir));
        command.add(home.resolve("bin/opensearch").toString());
        command.add("-Ecluster.name=" + config.clusterName());
        command.addAll(discoverySettings(config));
        command.addAll(List.of(
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + nodeDir.resolve("data"),
                "-Epath.logs=" + nodeDir.resolve("logs"),
                // A laptop or CI disk is often fuller than the production watermarks allow.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Eaction.auto_create_index=true"));
        config.settings().forEach((key, value) -> command.add("-E" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("OPENSEARCH_JAVA_HOME", javaHome.toString());
        env.put("OPENSEARCH_JAVA_OPTS", "-Xms" + config.heapSize() + " -Xmx" + config.heapSize());
        env.put("OPENSEARCH_TMPDIR", tmpDir.toString());
        if (config.membership().isPresent()) {
            // Members share the unpacked home but start at the same time, and each writes its keystore into the
            // config folder at start: each gets its own copy, as each host of a real cluster has.
            Path configDir = nodeDir.resolve("config");
            Folders.copyRecursively(home.resolve("config"), configDir);
            env.put("OPENSEARCH_PATH_CONF", configDir.toString());
        }
        env.remove("JAVA_TOOL_OPTIONS");

        Process process = builder.start();
        URI httpUri = URI.create((config.httpsCaCertificate().isPresent() ? "https" : "http") + "://127.0.0.1:" + httpPort);
        return new LocalOpenSearchNode(version, home, logFile, javaHome, httpUri, moduleOutcomes,
                builder, config.startTimeout(), config.httpsCaCertificate(), process, transportPort);
    }

    /** {@code discovery.type: single-node}, or the seed hosts and first voters of a cluster member. */
    private static List<String> discoverySettings(LocalNodeConfig config) {
        if (config.membership().isEmpty()) {
            return List.of("-Ediscovery.type=single-node");
        }
        LocalNodeConfig.ClusterMembership membership = config.membership().get();
        return List.of(
                "-Enode.name=" + config.nodeName().orElseThrow(),
                "-Ediscovery.seed_hosts=" + String.join(",",
                        membership.seedTransportPorts().stream().map(port -> "127.0.0.1:" + port).toList()),
                "-Ecluster.initial_cluster_manager_nodes=" + String.join(",", membership.initialClusterManagerNodes()));
    }

    /**
     * Stops the node and starts it again on the same ports with the same data (as an operator's restart or a
     * crash and recovery would), then waits until it is healthy again.
     */
    public void restart() throws IOException, InterruptedException {
        stop();
        startAgain();
    }

    /** Stops the node by PID, as {@link #close()} does, but keeps it ready for {@link #startAgain()}. */
    public void stop() {
        stopProcess();
    }

    /** Starts a {@link #stop() stopped} node again on the same ports with the same data and waits until it is healthy. */
    public void startAgain() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException(this + " is running");
        }
        // Appends, so the log keeps what the node said before the restart.
        process = launcher.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        awaitHealthy();
    }

    /** Waits until the node answers cluster health with at least yellow (or 401 when secured), up to the start timeout. */
    void awaitHealthy() throws IOException, InterruptedException {
        awaitHealthy(startTimeout, httpsCaCertificate);
    }

    /** The version encoded in a distribution zip's file name, e.g. {@code 2.19.6}. */
    public static String versionOf(Path distributionZip) {
        Matcher matcher = VERSION_IN_NAME.matcher(distributionZip.getFileName().toString());
        if (!matcher.find()) {
            throw new IllegalArgumentException("not an OpenSearch distribution zip name: " + distributionZip);
        }
        return matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3);
    }

    /** The JDK feature versions a given OpenSearch version runs on. */
    public static int[] supportedJdkRange(String version) {
        int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
        // 2.x sets -Djava.security.manager=allow, which JDK 24+ rejects; 3.x requires 21.
        return major >= 3 ? new int[] {21, Integer.MAX_VALUE} : new int[] {11, 23};
    }

    private static Path defaultJavaHome(String version) {
        int[] range = supportedJdkRange(version);
        return JdkLocator.find(range[0], range[1]).orElseThrow(() -> new IllegalStateException(
                "OpenSearch " + version + " needs a JDK between " + range[0] + " and "
                        + (range[1] == Integer.MAX_VALUE ? "newer" : range[1])
                        + "; none was found in the running JVM or under /usr/lib/jvm. Pass one explicitly."));
    }

    private void awaitHealthy(Duration timeout, java.util.Optional<Path> httpsCaCertificate)
            throws IOException, InterruptedException {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (httpsCaCertificate.isPresent()) {
            client.sslContext(org.cloudtrailopensearch.loader.index.TrustedCertificates.sslContext(httpsCaCertificate.get()));
        }
        HttpClient http = client.build();
        HttpRequest health = HttpRequest.newBuilder(httpUri.resolve("/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("OpenSearch " + version + " exited with code " + process.exitValue()
                        + " before it was healthy. Its log (" + logFile + "):\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || (httpsCaCertificate.isPresent() && response.statusCode() == 401)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException("OpenSearch " + version + " was not healthy within " + timeout + ". Its log ("
                + logFile + "):\n" + logTail());
    }

    /** The last lines of the node's output, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    public String version() {
        return version;
    }

    public URI httpUri() {
        return httpUri;
    }

    /** The transport port on 127.0.0.1, which other cluster members connect to. */
    public int transportPort() {
        return transportPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path home() {
        return home;
    }

    public Path logFile() {
        return logFile;
    }

    public Path javaHome() {
        return javaHome;
    }

    /**
     * One line per extra module of the config: installed now, already in the distribution (shipped, or
     * installed by an earlier start), or skipped and why.
     */
    public List<String> extraModuleReport() {
        return moduleOutcomes.stream().map(ModuleInstaller.Outcome::toString).toList();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the node by PID (SIGTERM, then SIGKILL after a grace period) and waits until it is gone. */
    @Override
    public void close() {
        stopProcess();
        detach();
    }

    /**
     * Leaves the node running after this JVM exits (the demo's {@code --keep-running}); stopping it is then
     * up to the user, by {@link #pid()}.
     */
    public void detach() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    private void stopProcess() {
        // The launcher execs java, but stop descendants too in case a wrapper stayed in between.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        return FreePorts.pick(1).get(0);
    }

    @Override
    public String toString() {
        return "OpenSearch " + version + " at " + httpUri + " (pid " + pid() + ", JDK " + javaHome + ")";
    }
}
