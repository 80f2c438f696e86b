package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.loader.LoadJob;
import org.cloudtrailopensearch.loader.LoadJobConfig;
import org.cloudtrailopensearch.loader.LoadReport;
import org.cloudtrailopensearch.loader.demo.DistributionLocator;
import org.cloudtrailopensearch.loader.demo.IndexOverview;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.localnode.Folders;
import org.cloudtrailopensearch.loader.localnode.LocalNodeConfig;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchNode;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.validate.IntegrityCheck;
import org.cloudtrailopensearch.loader.validate.IntegrityMode;
import org.cloudtrailopensearch.loader.validate.IntegrityPolicy;
import org.cloudtrailopensearch.loader.validate.TrailValidation;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole job on an embedded default. Starts a local OpenSearch node from the test-node
 * distribution, generates a signed sample trail, loads it, prints what was loaded, and stops the node
 * (unless {@code --keep-running}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on a local OpenSearch node and a generated sample trail.")
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

    @Override
    public Integer call() throws Exception {
        String version = BuildInfo.demoOpenSearchVersion();
        Path zip = distribution != null ? distribution : DistributionLocator.find(version).orElseThrow(() ->
                new IllegalStateException("the OpenSearch " + version + " distribution was not found next to the jar "
                        + "or in ~/.m2; build with `mvn package` or pass --opensearch-dist"));
        Path work = workDir.toAbsolutePath();
        System.out.println("Starting a local OpenSearch " + version + " node (work folder " + work + ") ...");
        LocalOpenSearchNode node = LocalOpenSearchNode.start(LocalNodeConfig.builder()
                .distributionZip(zip).workDir(work.resolve("opensearch")).build());
        boolean stopNode = !keepRunning;
        try {
            System.out.println("  " + node);
            Path trail = work.resolve("trail");
            Folders.deleteRecursively(trail);
            GenerationSummary generated = TrailGenerator.builder().accounts(accounts).hours(hours).seed(seed).build()
                    .writeTo(trail);
            System.out.printf("Generated a signed sample trail in %s: %d log files, %d records, %d digests%n",
                    trail, generated.logFiles(), generated.records(), generated.digestFiles());

            // The demo checks its own trail with the keys the generator wrote beside it.
            IntegrityPolicy integrity = new IntegrityCheck(IntegrityMode.MARK,
                    new TrailValidation(List.of(trail.resolve(TrailGenerator.PUBLIC_KEYS_FILE)), System.err))
                    .run(List.of(trail.toString()), null, System.out);

            OpenSearchClient client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(node.httpUri()).build());
            new IndexSetup(client, true).apply(System.out);
            LoadJobConfig config = LoadJobConfig.builder().deadLetterFile(work.resolve("dead-letter.ndjson"))
                    .integrity(integrity).build();
            LoadReport report = new LoadJob(config, CloudTrailMapper.builder().build(), client)
                    .run(new LocalLogObjectSource(trail.resolve("AWSLogs")));
            System.out.print(report.toText());
            new IndexOverview(client, CloudTrailIndexTemplates.readAlias()).print(System.out);
            client._transport().close();

            if (keepRunning) {
                System.out.println();
                System.out.println("The node keeps running at " + node.httpUri() + " (pid " + node.pid() + "). Try:");
                System.out.println("  curl '" + node.httpUri() + "/cloudtrail/_search?q=event.action:ConsoleLogin&pretty'");
                System.out.println("Stop it with: kill " + node.pid());
            }
            return LoadCommand.exitCode(report);
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
