package org.cloudtrailopensearch.loader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Optional;
import org.cloudtrailopensearch.loader.dashboards.DashboardsTarget;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget.Credentials;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where the Dashboards credentials come from: its own environment variables first, else the cluster's. */
class DashboardsOptionsTest {

    private static final Credentials CLUSTER = new Credentials("loader", "cluster-secret");

    private static DashboardsOptions parse(String... args) {
        SetupCommand command = new SetupCommand();
        new CommandLine(command).parseArgs(args);
        return command.dashboards;
    }

    @Test
    void ownEnvironmentVariablesWin() {
        DashboardsTarget target = parse("--dashboards-url", "https://osd.example.com/_dashboards", "--dashboards-tenant", "global")
                .target(Map.of("OPENSEARCH_DASHBOARDS_USERNAME", "analyst", "OPENSEARCH_DASHBOARDS_PASSWORD", "osd-secret"),
                        Optional.of(CLUSTER));

        assertEquals("analyst", target.credentials().orElseThrow().username());
        assertEquals(Optional.of("global"), target.tenant());
        assertEquals("https://osd.example.com/_dashboards/app/dashboards#/view/abc", target.dashboardLink("abc"));
        assertFalse(target.toString().contains("secret"), target.toString());
    }

    @Test
    void otherwiseTheClusterCredentialsAreUsed() {
        DashboardsTarget target = parse("--dashboards-url", "http://localhost:5601/")
                .target(Map.of("OPENSEARCH_DASHBOARDS_USERNAME", "only-half"), Optional.of(CLUSTER));

        assertEquals(Optional.of(CLUSTER), target.credentials());
        assertEquals("http://localhost:5601", target.base());
    }
}
