package org.cloudtrailopensearch.loader.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.loader.dashboards.SavedObjectsImporter;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.setup.ClusterSetup;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code setup}: index templates, lifecycle policy, dashboards and monitors, installed or updated. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Install or update everything around the data, idempotently: the index templates and lifecycle "
                + "policy; with --dashboards-url, the OpenSearch Dashboards saved objects (dashboards, visualizations, "
                + "searches, index pattern 'cloudtrail'); the Alerting monitors when the cluster has the Alerting plugin. "
                + "Says whether the Security Analytics plugin answers.",
                "A missing plugin is reported, not an error.",
                "Exit code: 0 done, 2 a step failed (cluster or Dashboards unreachable, import refused or partial, a monitor refused)."})
public final class SetupCommand implements Callable<Integer> {

    @Mixin
    OpenSearchOptions openSearch;

    @Mixin
    DashboardsOptions dashboards;

    @Override
    public Integer call() {
        OpenSearchTarget target;
        Optional<SavedObjectsImporter> importer;
        try {
            target = openSearch.toTarget();
            importer = dashboards.importer(target.credentials());
        } catch (Exception e) {
            System.err.println("setup: " + Failures.oneLine(e));
            return 2;
        }
        OpenSearchClient client;
        try {
            client = OpenSearchOptions.connect(target);
        } catch (Exception e) {
            System.err.println("setup: " + Failures.oneLine(e, Optional.of(target.url())));
            return 2;
        }
        try {
            ClusterSetup.Result result = ClusterSetup.builder().client(client).dashboards(importer.orElse(null)).build().run();
            if (!result.ok()) {
                return 2;
            }
            System.out.println("Setup done.");
            return 0;
        } catch (Exception e) {
            System.err.println("setup: cannot install the index templates on " + target + ": "
                    + Failures.oneLine(e, Optional.of(target.url())));
            return 2;
        } finally {
            try {
                client._transport().close();
            } catch (Exception e) {
                // closing a client that could not connect has nothing to report
            }
        }
    }
}
