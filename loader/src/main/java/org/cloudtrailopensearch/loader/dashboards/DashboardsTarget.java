package org.cloudtrailopensearch.loader.dashboards;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget.Credentials;

/**
 * Where and how to reach OpenSearch Dashboards. TLS is always verified (JVM trust store, or
 * {@link #caCertificate()}); {@link #toString()} never shows the password.
 *
 * @param url           the Dashboards base URL, e.g. {@code http://localhost:5601} or {@code https://host/_dashboards}
 * @param credentials   HTTP basic-auth credentials, if any
 * @param caCertificate a PEM file with the CA certificate(s) to verify the Dashboards certificate with
 * @param tenant        the security plugin tenant ({@code securitytenant} header), e.g. {@code global}
 */
public record DashboardsTarget(URI url, Optional<Credentials> credentials, Optional<Path> caCertificate,
        Optional<String> tenant) {

    public DashboardsTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(tenant, "tenant");
        if (url.getRawUserInfo() != null) {
            // The URL is printed in every report and error; a password in it would end up in logs.
            throw new IllegalArgumentException("the Dashboards URL must not contain a user name or password; set "
                    + "OPENSEARCH_DASHBOARDS_USERNAME and OPENSEARCH_DASHBOARDS_PASSWORD instead");
        }
    }

    /** A target without credentials, own CA or tenant. */
    public static DashboardsTarget of(URI url) {
        return new DashboardsTarget(url, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The base URL without a trailing slash, to append API paths and app links to. */
    public String base() {
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** Where a dashboard with this saved-object id opens. */
    public String dashboardLink(String dashboardId) {
        return base() + "/app/dashboards#/view/" + dashboardId;
    }

    @Override
    public String toString() {
        return base() + credentials.map(c -> " as " + c.username()).orElse("")
                + tenant.map(t -> " (tenant " + t + ")").orElse("");
    }
}
