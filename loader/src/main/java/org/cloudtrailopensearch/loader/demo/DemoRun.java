package org.cloudtrailopensearch.loader.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.loader.run.LoadRun;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.dashboards.ImportResult;
import org.cloudtrailopensearch.loader.dashboards.SavedObjectsBundle;
import org.cloudtrailopensearch.loader.dashboards.SavedObjectsImporter;
import org.cloudtrailopensearch.loader.localnode.Folders;
import org.cloudtrailopensearch.loader.setup.ClusterSetup;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.validate.IntegrityMode;
import org.cloudtrailopensearch.loader.validate.TrailValidation;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The demo's work on a cluster that is already up: generate a signed trail, alter one log file so the integrity
 * check has something to find, validate, set up the cluster (templates, dashboards, monitors), load, and show
 * what is there. {@code demo} runs it on the local node it starts; tests run it on theirs.
 */
public final class DemoRun {

    /** The environment name the demo's documents carry in {@code labels.environment}. */
    public static final String ENVIRONMENT = "demo";
    static final String ADMIN_USERS_FILE = TrailGenerator.ADMIN_USERS_FILE;
    static final String THREAT_INDICATORS_FILE = TrailGenerator.THREAT_INDICATORS_FILE;

    private final OpenSearchClient client;
    private final URI clusterUrl;
    private final Path workDir;
    private final int accounts;
    private final int hours;
    private final long seed;
    private final SavedObjectsImporter dashboards;
    private final PrintStream out;
    private final PrintStream err;

    private DemoRun(Builder builder) {
        this.client = Objects.requireNonNull(builder.client, "client");
        this.clusterUrl = Objects.requireNonNull(builder.clusterUrl, "clusterUrl");
        this.workDir = Objects.requireNonNull(builder.workDir, "workDir");
        this.accounts = builder.accounts;
        this.hours = builder.hours;
        this.seed = builder.seed;
        this.dashboards = builder.dashboards;
        this.out = builder.out;
        this.err = builder.err;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the demo; returns the exit code (0 ok, 1 records dead-lettered, 2 a step failed). */
    public int run() throws IOException {
        Path trail = workDir.resolve("trail");
        Folders.deleteRecursively(trail);
        // The trail covers the last full hours up to the current one, so that the dashboards' stored time ranges
        // (last 24 hours, ...) show all of it and nothing lies in the future.
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours));
        // Everyday activity without random security events: what the monitors and security panels show is the incident.
        GenerationSummary generated = TrailGenerator.builder().accounts(accounts).hours(hours).seed(seed)
                .securityEvents(false).incident(true).start(start).build().writeTo(trail);
        out.printf("Generated a signed sample trail in %s: %d log files, %d records, %d digests%n",
                trail, generated.logFiles(), generated.records(), generated.digestFiles());
        out.printf("It holds a planted security incident: %d records in account %s between %s and %s (listed in %s), "
                        + "and beside it %s and %s.%n",
                generated.plantedRecords(), generated.accounts().get(0), generated.incidentStart(), generated.incidentEnd(),
                TrailGenerator.PLANTED_EVENTS_FILE, THREAT_INDICATORS_FILE, ADMIN_USERS_FILE);

        Optional<TrailTampering.Altered> altered = TrailTampering.alterOneLogFile(trail.resolve("AWSLogs"));
        altered.ifPresent(a -> out.printf("Altered one log file after it was signed (one space added to its JSON), so that "
                + "the integrity check has something to find: %s (%d records). Its records are loaded with "
                + "aws.cloudtrail.log_file.integrity: invalid.%n", trail.relativize(a.file()), a.records()));

        CloudTrailMapper.Builder mapper = CloudTrailMapper.builder().environment(ENVIRONMENT);
        Path adminUsers = trail.resolve(ADMIN_USERS_FILE);
        if (Files.isRegularFile(adminUsers)) {
            mapper.adminUsersFile(adminUsers);
        }
        Path threatIndicators = trail.resolve(THREAT_INDICATORS_FILE);
        if (Files.isRegularFile(threatIndicators)) {
            mapper.threatIndicatorsFile(threatIndicators);
        }
        out.println("Loading with labels.environment: " + ENVIRONMENT
                + (Files.isRegularFile(adminUsers) ? ", admin users from " + ADMIN_USERS_FILE : "")
                + (Files.isRegularFile(threatIndicators) ? ", threat indicators from " + THREAT_INDICATORS_FILE : ""));
        ClusterSetup.Result[] setup = new ClusterSetup.Result[1];
        LoadJobConfig config = LoadJobConfig.builder().deadLetterFile(workDir.resolve("dead-letter.ndjson")).build();
        // The demo checks its own trail with the keys the generator wrote beside it.
        LoadReport report = LoadRun.builder().client(client).mapper(mapper.build()).config(config)
                .source(new LocalLogObjectSource(trail.resolve("AWSLogs")))
                .integrity(IntegrityMode.MARK, List.of(trail.toString()),
                        new TrailValidation(List.of(trail.resolve(TrailGenerator.PUBLIC_KEYS_FILE)), err), null)
                .setup(() -> setup[0] = ClusterSetup.builder().client(client).dashboards(dashboards)
                        .output(out, err, "demo: ").build().run())
                .output(out, err)
                .build().run();
        new IndexOverview(client, CloudTrailIndexTemplates.readAlias()).print(out);
        client.indices().refresh(r -> r.index(CloudTrailIndexTemplates.readAlias()));
        new PanelCheck(client, CloudTrailIndexTemplates.readAlias()).print(generated.start(), generated.end(), out);
        new DetectionSummary(client, out).print(generated.start(), generated.end());

        printDashboards(setup[0].dashboards(), generated);
        int loadExit = report.exitCode();
        return setup[0].ok() ? loadExit : 2;
    }

    private void printDashboards(Optional<ImportResult> imported, GenerationSummary generated) {
        out.println();
        out.println("The data spans " + generated.start() + " .. " + generated.end() + " and the incident "
                + generated.incidentStart() + " .. " + generated.incidentEnd() + ": set the Dashboards time picker to that range.");
        byte[] bundle = DashboardAssets.savedObjectsNdjson();
        List<SavedObjectsBundle.Dashboard> all = SavedObjectsBundle.dashboards(bundle);
        if (dashboards != null && imported.isPresent()) {
            Set<String> failed = imported.get().errors().stream().filter(e -> e.object().type().equals("dashboard"))
                    .map(e -> e.object().id()).collect(Collectors.toSet());
            out.println("Dashboards (they show this cluster's data if that Dashboards is connected to " + clusterUrl + "):");
            for (SavedObjectsBundle.Dashboard dashboard : all) {
                if (!failed.contains(dashboard.id())) {
                    out.println("  " + dashboard.title() + ": " + dashboards.target().dashboardLink(dashboard.id()));
                }
            }
            if (all.isEmpty()) {
                out.println("  (the bundle holds no dashboards yet)");
            }
            return;
        }
        if (dashboards != null) {
            return; // the import failed; its one line was printed
        }
        out.println("To see the dashboards (" + all.size() + " in the bundle), point OpenSearch Dashboards at " + clusterUrl
                + " (opensearch.hosts; run the demo with --keep-running) and import " + ClusterSetup.BUNDLE_FILE + ":");
        out.println("  Dashboards Management > Saved objects > Import, or");
        out.println("  bin/cloudtrail-opensearch setup --opensearch-url " + clusterUrl + " --dashboards-url http://localhost:5601");
        out.println("  (the demo does it itself with --dashboards-url URL).");
    }

    /** Builder for {@link DemoRun}. */
    public static final class Builder {
        private OpenSearchClient client;
        private URI clusterUrl;
        private Path workDir;
        private int accounts = 3;
        private int hours = 24;
        private long seed = 42;
        private SavedObjectsImporter dashboards;
        private PrintStream out = System.out;
        private PrintStream err = System.err;

        private Builder() {
        }

        /** The cluster to load into, and its URL as people reach it. */
        public Builder cluster(OpenSearchClient client, URI url) {
            this.client = client;
            this.clusterUrl = url;
            return this;
        }

        /** Where the trail and dead letters go; the {@code trail} folder in it is replaced. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder accounts(int accounts) {
            this.accounts = accounts;
            return this;
        }

        public Builder hours(int hours) {
            this.hours = hours;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Import the dashboards with this importer (optional). */
        public Builder dashboards(SavedObjectsImporter importer) {
            this.dashboards = importer;
            return this;
        }

        public Builder output(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
            return this;
        }

        public DemoRun build() {
            return new DemoRun(this);
        }
    }
}
