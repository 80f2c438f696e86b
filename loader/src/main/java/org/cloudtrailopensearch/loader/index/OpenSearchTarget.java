package org.cloudtrailopensearch.loader.index;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an OpenSearch cluster. Immutable. TLS certificates are always verified: against
 * the JVM's trust store, or against {@link #caCertificate()} when given. Credentials are never taken from
 * the command line; see {@link Credentials}.
 */
public final class OpenSearchTarget {

    private final URI url;
    private final Credentials credentials;
    private final Path caCertificate;

    private OpenSearchTarget(Builder builder) {
        this.url = Objects.requireNonNull(builder.url, "url");
        this.credentials = builder.credentials;
        this.caCertificate = builder.caCertificate;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI url() {
        return url;
    }

    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** A PEM file with the CA certificate(s) that signed the cluster's certificate. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** HTTP basic-auth credentials. {@link #toString()} never shows the password. */
    public record Credentials(String username, String password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    @Override
    public String toString() {
        return ClusterFailure.redacted(url) + (credentials == null ? "" : " as " + credentials.username());
    }

    /** Builder for {@link OpenSearchTarget}. */
    public static final class Builder {
        private URI url;
        private Credentials credentials;
        private Path caCertificate;

        private Builder() {
        }

        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder caCertificate(Path caCertificate) {
            this.caCertificate = caCertificate;
            return this;
        }

        public OpenSearchTarget build() {
            return new OpenSearchTarget(this);
        }
    }
}
