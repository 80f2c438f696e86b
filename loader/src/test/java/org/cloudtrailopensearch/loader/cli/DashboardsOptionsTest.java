package org.cloudtrailopensearch.loader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.cloudtrailopensearch.loader.dashboards.DashboardsTarget;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget.Credentials;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where the Dashboards credentials come from: its own environment variables (both), else the cluster's; never the URL. */
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
        DashboardsTarget target = parse("--dashboards-url", "http://localhost:5601/").target(Map.of(), Optional.of(CLUSTER));

        assertEquals(Optional.of(CLUSTER), target.credentials());
        assertEquals("http://localhost:5601", target.base());
    }

    @Test
    void halfACredentialIsAnErrorNotAFallback() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> parse("--dashboards-url",
                "http://localhost:5601/").target(Map.of("OPENSEARCH_DASHBOARDS_USERNAME", "only-half"), Optional.of(CLUSTER)));

        assertTrue(error.getMessage().contains("OPENSEARCH_DASHBOARDS_PASSWORD is not set"), error.getMessage());
    }

    @Test
    void aUrlWithAPasswordInItIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> parse("--dashboards-url",
                "https://admin:hunter2@osd.example.com").target(Map.of(), Optional.empty()));

        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }
}
