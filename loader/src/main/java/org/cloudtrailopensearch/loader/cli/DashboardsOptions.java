package org.cloudtrailopensearch.loader.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.cloudtrailopensearch.loader.dashboards.DashboardsTarget;
import org.cloudtrailopensearch.loader.dashboards.SavedObjectsImporter;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import picocli.CommandLine.Option;

/**
 * Options that say which OpenSearch Dashboards to import the saved objects into. Like the cluster's, its
 * password comes from the environment, never from an option.
 */
public final class DashboardsOptions {

    static final String USERNAME_ENV = "OPENSEARCH_DASHBOARDS_USERNAME";
    static final String PASSWORD_ENV = "OPENSEARCH_DASHBOARDS_PASSWORD";

    @Option(names = "--dashboards-url", paramLabel = "URL",
            description = {"OpenSearch Dashboards base URL to import the dashboards into, e.g. http://localhost:5601 "
                    + "(behind a proxy or on a managed domain: https://host/_dashboards).",
                    "Credentials: env " + USERNAME_ENV + " and " + PASSWORD_ENV + ", else the OpenSearch ones."})
    URI url;

    @Option(names = "--dashboards-ca-cert", paramLabel = "PEM",
            description = "CA certificate(s) to verify the Dashboards TLS certificate with, instead of the JVM's trust store.")
    Path caCertificate;

    @Option(names = "--dashboards-tenant", paramLabel = "TENANT",
            description = "Security plugin tenant to import into (header securitytenant), e.g. global or private.")
    String tenant;

    /** The importer for {@code --dashboards-url}, or empty without it. */
    Optional<SavedObjectsImporter> importer(Optional<OpenSearchTarget.Credentials> openSearchCredentials) throws IOException {
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(new SavedObjectsImporter(target(System.getenv(), openSearchCredentials)));
    }

    DashboardsTarget target(Map<String, String> environment, Optional<OpenSearchTarget.Credentials> openSearchCredentials) {
        boolean user = environment.containsKey(USERNAME_ENV);
        boolean password = environment.containsKey(PASSWORD_ENV);
        if (user != password) {
            // Half a credential is a typo, not a wish to fall back to the cluster's credentials.
            throw new IllegalArgumentException((user ? PASSWORD_ENV : USERNAME_ENV) + " is not set, but "
                    + (user ? USERNAME_ENV : PASSWORD_ENV) + " is: set both, or neither to use the OpenSearch credentials");
        }
        Optional<OpenSearchTarget.Credentials> credentials = user
                ? Optional.of(new OpenSearchTarget.Credentials(environment.get(USERNAME_ENV), environment.get(PASSWORD_ENV)))
                : openSearchCredentials;
        return new DashboardsTarget(url, credentials, Optional.ofNullable(caCertificate),
                Optional.ofNullable(tenant).filter(t -> !t.isBlank()));
    }
}
