package org.cloudtrailopensearch.loader.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.loader.alerting.MonitorInstaller;
import org.cloudtrailopensearch.loader.dashboards.DashboardsException;
import org.cloudtrailopensearch.loader.dashboards.ImportResult;
import org.cloudtrailopensearch.loader.dashboards.SavedObjectsBundle;
import org.cloudtrailopensearch.loader.dashboards.SavedObjectsImporter;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * Everything the data needs around it, installed or updated idempotently, in order: index templates and
 * lifecycle policy ({@link IndexSetup}); the saved objects in OpenSearch Dashboards, when a Dashboards URL is
 * given ({@link SavedObjectsImporter}); the Alerting monitors, when the Alerting plugin answers
 * ({@link MonitorInstaller}); and a word on Security Analytics. Used by {@code setup} and {@code demo}.
 *
 * <p>A missing optional plugin is reported and skipped, not a failure. A failed step (Dashboards unreachable,
 * import refused or partial, a monitor refused) is printed as one line on the error stream and the remaining
 * steps still run; {@link Result#ok()} then says false. Only a cluster that cannot take the templates stops the
 * run, with an {@link IOException}.
 */
public final class ClusterSetup {

    /** Where the shipped files are in a source checkout, for people installing them by hand. */
    public static final String BUNDLE_FILE = "dashboards-ndjson/" + DashboardAssets.NDJSON_FILE_NAME;
    public static final String MONITORS_FOLDER = "dashboards-ndjson/monitors/";
    public static final String SECURITY_ANALYTICS_FOLDER = "dashboards-ndjson/security-analytics/";

    private final OpenSearchClient client;
    private final SavedObjectsImporter dashboards;
    private final byte[] bundle;
    private final List<DashboardAssets.Monitor> monitors;
    private final PrintStream out;
    private final PrintStream err;
    private final String errorPrefix;

    private ClusterSetup(Builder builder) {
        this.client = Objects.requireNonNull(builder.client, "client");
        this.dashboards = builder.dashboards;
        this.bundle = builder.bundle != null ? builder.bundle : DashboardAssets.savedObjectsNdjson();
        this.monitors = builder.monitors != null ? builder.monitors : DashboardAssets.monitors();
        this.out = builder.out;
        this.err = builder.err;
        this.errorPrefix = builder.errorPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the run did.
     *
     * @param failures   one line per failed step, as printed
     * @param dashboards the Dashboards import answer, when an import was tried and answered
     * @param monitors   each monitor's outcome, when the Alerting plugin answered
     */
    public record Result(List<String> failures, Optional<ImportResult> dashboards, List<MonitorInstaller.Outcome> monitors) {
        public Result {
            failures = List.copyOf(failures);
            monitors = List.copyOf(monitors);
        }

        /** True when no step failed. */
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** Runs every step; throws only when the index templates cannot be installed. */
    public Result run() throws IOException {
        List<String> failures = new ArrayList<>();
        new IndexSetup(client).apply(out);
        Optional<ImportResult> imported = importDashboards(failures);
        List<MonitorInstaller.Outcome> outcomes = installMonitors(failures);
        reportSecurityAnalytics(failures);
        return new Result(failures, imported, outcomes);
    }

    private Optional<ImportResult> importDashboards(List<String> failures) {
        int objects = SavedObjectsBundle.objectCount(bundle);
        if (dashboards == null) {
            out.println("Dashboards: not imported (no --dashboards-url). Import " + BUNDLE_FILE + " in OpenSearch Dashboards "
                    + "(Dashboards Management > Saved objects > Import), or re-run with --dashboards-url URL.");
            return Optional.empty();
        }
        out.println("Dashboards: importing " + objects + " saved objects into " + dashboards.target() + " (overwrite=true) ...");
        try {
            ImportResult result = dashboards.importNdjson(DashboardAssets.NDJSON_FILE_NAME, bundle);
            if (result.success() && result.errors().isEmpty()) {
                out.println("Dashboards: imported " + result.successCount() + " saved objects; objects with the same ids "
                        + "were replaced.");
            } else {
                out.println("Dashboards: imported " + result.successCount() + " of " + result.attempted()
                        + " saved objects; not imported:");
                for (ImportResult.ObjectError error : result.errors()) {
                    out.println("  " + error.describe());
                }
                fail(failures, "the Dashboards import failed for " + result.errors().size() + " of " + result.attempted()
                        + " saved objects (" + summary(result) + "; listed above)");
            }
            return Optional.of(result);
        } catch (DashboardsException e) {
            fail(failures, e.getMessage());
            return Optional.empty();
        }
    }

    private List<MonitorInstaller.Outcome> installMonitors(List<String> failures) {
        PluginProbe alerting = PluginProbe.ALERTING;
        Optional<Boolean> answers = answers(alerting, "Alerting", failures);
        if (answers.isEmpty()) {
            return List.of();
        }
        if (!answers.get()) {
            out.println("Alerting: the cluster has no " + alerting.title() + " plugin (" + alerting.plugin() + "; "
                    + alerting.apiPrefix() + " does not answer), so " + monitors.size() + " monitors were not installed. "
                    + "Their JSON files are in " + MONITORS_FOLDER + ": POST each to _plugins/_alerting/monitors, "
                    + "or re-run setup, once the plugin is installed.");
            return List.of();
        }
        out.println("Alerting: installing " + monitors.size() + " monitors (an existing monitor with the same name is replaced) ...");
        List<MonitorInstaller.Outcome> outcomes = new MonitorInstaller(client).install(monitors);
        long failed = 0;
        for (MonitorInstaller.Outcome outcome : outcomes) {
            out.println("  " + outcome.describe());
            if (outcome.action() == MonitorInstaller.Action.FAILED) {
                failed++;
            }
        }
        if (failed > 0) {
            fail(failures, "Alerting: " + failed + " of " + monitors.size() + " monitors could not be installed (listed above)");
        } else {
            out.println("Alerting: " + outcomes.size() + " monitors installed. They have no actions: add a notification "
                    + "channel to each in Dashboards (Alerting > Monitors) to be notified.");
        }
        return outcomes;
    }

    private void reportSecurityAnalytics(List<String> failures) {
        PluginProbe sap = PluginProbe.SECURITY_ANALYTICS;
        Optional<Boolean> answers = answers(sap, "Security Analytics", failures);
        if (answers.isEmpty()) {
            return;
        }
        if (answers.get()) {
            out.println("Security Analytics: " + sap.apiPrefix() + " answers. setup creates no detector; the rules and "
                    + "how to use them are in " + SECURITY_ANALYTICS_FOLDER);
        } else {
            out.println("Security Analytics: the cluster has no " + sap.title() + " plugin (" + sap.plugin() + "; "
                    + sap.apiPrefix() + " does not answer); nothing installed. For a cluster that has it, see "
                    + SECURITY_ANALYTICS_FOLDER);
        }
    }

    /** Whether the plugin answers; empty (and a failure recorded) when the cluster cannot be asked. */
    private Optional<Boolean> answers(PluginProbe probe, String step, List<String> failures) {
        try {
            return Optional.of(probe.answers(client));
        } catch (IOException e) {
            fail(failures, step + ": cannot tell whether the plugin is installed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void fail(List<String> failures, String line) {
        failures.add(line);
        err.println(errorPrefix + line);
    }

    private static String summary(ImportResult result) {
        java.util.Map<String, Long> byType = new java.util.TreeMap<>();
        result.errors().forEach(e -> byType.merge(e.errorType(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        byType.forEach((type, n) -> parts.add(n + " " + type));
        return String.join(", ", parts);
    }

    /** Builder for {@link ClusterSetup}. */
    public static final class Builder {
        private OpenSearchClient client;
        private SavedObjectsImporter dashboards;
        private byte[] bundle;
        private List<DashboardAssets.Monitor> monitors;
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private String errorPrefix = "setup: ";

        private Builder() {
        }

        public Builder client(OpenSearchClient client) {
            this.client = client;
            return this;
        }

        /**
         * @deprecated no effect: one index template fits every cluster now; kept so that callers on parallel
         *             branches still compile. Remove after the session-6 merge.
         */
        @Deprecated(forRemoval = true)
        public Builder singleNode(boolean singleNode) {
            return this;
        }

        /** Import the saved objects with this importer; without one, setup says how to import by hand. */
        public Builder dashboards(SavedObjectsImporter importer) {
            this.dashboards = importer;
            return this;
        }

        /** The saved-objects bundle (default: {@link DashboardAssets#savedObjectsNdjson()}). */
        public Builder bundle(byte[] ndjson) {
            this.bundle = ndjson;
            return this;
        }

        /** The monitors (default: {@link DashboardAssets#monitors()}). */
        public Builder monitors(List<DashboardAssets.Monitor> monitors) {
            this.monitors = List.copyOf(monitors);
            return this;
        }

        /** Where the report goes, where failure lines go, and what starts each failure line. */
        public Builder output(PrintStream out, PrintStream err, String errorPrefix) {
            this.out = out;
            this.err = err;
            this.errorPrefix = errorPrefix;
            return this;
        }

        public ClusterSetup build() {
            return new ClusterSetup(this);
        }
    }
}
