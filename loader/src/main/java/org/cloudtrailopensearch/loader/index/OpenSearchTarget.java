package org.cloudtrailopensearch.loader.index;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an OpenSearch cluster. Immutable. TLS certificates are always verified: against
 * the JVM's trust store, or against {@link #caCertificate()} when given. Credentials are never taken from
 * the command line; see {@link Credentials}. A target signs its requests either with basic-auth
 * {@link #credentials()} or with {@link #awsSigV4()}, never both. A target may name several nodes of one cluster
 * ({@link #urls()}): the client spreads requests over them and goes on with the others while one is down.
 */
public final class OpenSearchTarget {

    private final List<URI> urls;
    private final Credentials credentials;
    private final Path caCertificate;
    private final AwsSigV4 awsSigV4;

    private OpenSearchTarget(Builder builder) {
        this.urls = List.copyOf(Objects.requireNonNull(builder.urls, "url"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a target needs at least one URL");
        }
        if (urls.stream().map(u -> u.getScheme() + " " + pathOf(u)).distinct().count() > 1) {
            throw new IllegalArgumentException("the nodes of one target share scheme and path: " + urls);
        }
        this.credentials = builder.credentials;
        this.caCertificate = builder.caCertificate;
        this.awsSigV4 = builder.awsSigV4;
        if (credentials != null && awsSigV4 != null) {
            throw new IllegalArgumentException("a target is signed with AWS SigV4 or uses basic-auth credentials, not both");
        }
        if (awsSigV4 != null && urls.size() > 1) {
            throw new IllegalArgumentException("an AWS SigV4 target is one endpoint (the service balances its nodes), not " + urls);
        }
    }

    private static String pathOf(URI url) {
        String path = url.getPath();
        return path == null || path.equals("/") ? "" : path;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first (or only) node's URL: the one messages name. */
    public URI url() {
        return urls.get(0);
    }

    /** Every node the client may send requests to, in the order given. */
    public List<URI> urls() {
        return urls;
    }

    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** A PEM file with the CA certificate(s) that signed the cluster's certificate. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** Sign requests with AWS Signature Version 4 (Amazon OpenSearch Service or Serverless) instead of basic auth. */
    public Optional<AwsSigV4> awsSigV4() {
        return Optional.ofNullable(awsSigV4);
    }

    /**
     * How to sign for Amazon OpenSearch Service ({@code es}) or Serverless ({@code aoss}). An empty region means
     * the AWS SDK's default region chain (AWS_REGION, the aws.region property, the profile, instance metadata).
     * The AWS credentials always come from the SDK's default chain and are never held here.
     */
    public record AwsSigV4(String service, Optional<String> region) {
        public static final java.util.Set<String> SERVICES = java.util.Set.of("es", "aoss");

        public AwsSigV4 {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(region, "region");
            if (!SERVICES.contains(service)) {
                throw new IllegalArgumentException("AWS service to sign for must be es or aoss, not " + service);
            }
        }
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
        return String.join(",", urls.stream().map(ClusterFailure::redacted).toList()) + (credentials == null ? "" : " as " + credentials.username())
                + (awsSigV4 == null ? "" : " signed with AWS SigV4 for " + awsSigV4.service());
    }

    /** Builder for {@link OpenSearchTarget}. */
    public static final class Builder {
        private List<URI> urls;
        private Credentials credentials;
        private Path caCertificate;
        private AwsSigV4 awsSigV4;

        private Builder() {
        }

        /** One node (or a load balancer) to send every request to. */
        public Builder url(URI url) {
            this.urls = url == null ? null : List.of(url);
            return this;
        }

        /** Several nodes of one cluster (same scheme and path); the client spreads requests over them. */
        public Builder urls(List<URI> urls) {
            this.urls = urls;
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

        public Builder awsSigV4(AwsSigV4 awsSigV4) {
            this.awsSigV4 = awsSigV4;
            return this;
        }

        public OpenSearchTarget build() {
            return new OpenSearchTarget(this);
        }
    }
}
