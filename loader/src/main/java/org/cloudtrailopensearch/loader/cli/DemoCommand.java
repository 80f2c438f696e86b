package org.cloudtrailopensearch.loader.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.loader.dashboards.SavedObjectsImporter;
import org.cloudtrailopensearch.loader.demo.DemoRun;
import org.cloudtrailopensearch.loader.demo.DistributionLocator;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.localnode.IntegTestModules;
import org.cloudtrailopensearch.loader.localnode.LocalNodeConfig;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchNode;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole job on an embedded default. Starts a local OpenSearch node from the test-node
 * distribution, then {@link DemoRun}: generates a signed sample trail, alters one log file so the integrity check
 * finds something, sets the cluster up (and Dashboards with {@code --dashboards-url}), loads, prints what was
 * loaded; then stops the node (unless {@code --keep-running}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on a local OpenSearch node and a generated sample trail, one of whose log "
                + "files is altered after signing so that the integrity verdict shows.",
                "With --dashboards-url, also import the dashboards into that OpenSearch Dashboards (connected to the demo "
                + "node; use --keep-running) and print their links.",
                "Exit code: 0 done, 1 some records dead-lettered, 2 a step failed."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--work-dir", defaultValue = "work/demo",
            description = "Where the node, the sample trail and dead letters go (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--hours", defaultValue = "24", description = "Hours of activity to generate (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--accounts", defaultValue = "3", description = "AWS accounts in the sample (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated activity (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--opensearch-dist", paramLabel = "ZIP",
            description = "The OpenSearch integ-test distribution zip (default: the one the build copied).")
    Path distribution;

    @Option(names = "--keep-running", description = "Leave the node running at the end and print how to stop it.")
    boolean keepRunning;

    @Mixin
    DashboardsOptions dashboards;

    @Override
    public Integer call() throws Exception {
        Optional<SavedObjectsImporter> importer;
        try {
            importer = dashboards.importer(Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            return 2;
        }
        String version = BuildInfo.demoOpenSearchVersion();
        Path zip = distribution != null ? distribution : DistributionLocator.find(version).orElseThrow(() ->
                new IllegalStateException("the OpenSearch " + version + " distribution was not found next to the jar "
                        + "or in ~/.m2; build with `mvn package` or pass --opensearch-dist"));
        Path work = workDir.toAbsolutePath();
        String nodeVersion = LocalOpenSearchNode.versionOf(zip);
        // The 2.x integ-test zip lacks lang-painless and geo; the build copies them beside the jar.
        IntegTestModules.Lookup modules = IntegTestModules.find(DistributionLocator.modulesDirectory(nodeVersion));
        System.out.println("Starting a local OpenSearch " + nodeVersion + " node (work folder " + work + ") ...");
        LocalOpenSearchNode node = LocalOpenSearchNode.start(LocalNodeConfig.builder()
                .distributionZip(zip).workDir(work.resolve("opensearch")).extraModules(modules.found()).build());
        boolean stopNode = !keepRunning;
        try {
            System.out.println("  " + node);
            node.extraModuleReport().forEach(line -> System.out.println("  module " + line));
            List<String> lacking = IntegTestModules.NAMES.stream()
                    .filter(name -> !Files.isDirectory(node.home().resolve("modules").resolve(name))).toList();
            if (!lacking.isEmpty()) {
                String why = modules.missing().isEmpty() ? "skipped, see above"
                        : "the jars of " + modules.missing() + " were not found under "
                                + DistributionLocator.modulesDirectory(nodeVersion) + "; build with `mvn package`";
                System.out.println("  the node runs without the modules " + lacking + " (" + why + "): painless "
                        + "scripts, moving averages and coordinate maps in the dashboards will fail on it");
            }
            OpenSearchClient client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(node.httpUri()).build());
            int exit;
            try {
                exit = DemoRun.builder().cluster(client, node.httpUri()).workDir(work).accounts(accounts).hours(hours)
                        .seed(seed).dashboards(importer.orElse(null)).build().run();
            } finally {
                client._transport().close();
            }

            if (keepRunning) {
                System.out.println();
                System.out.println("The node keeps running at " + node.httpUri() + " (pid " + node.pid() + "). Try:");
                System.out.println("  curl '" + node.httpUri() + "/cloudtrail/_search?q=event.action:ConsoleLogin&pretty'");
                System.out.println("Stop it with: kill " + node.pid());
            }
            return exit;
        } catch (Exception | Error e) {
            stopNode = true;
            throw e;
        } finally {
            if (stopNode) {
                node.close();
                System.out.println("Stopped the local node (pid " + node.pid() + "). Run with --keep-running to explore it.");
            } else {
                node.detach();
            }
        }
    }
}
