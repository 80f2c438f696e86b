package org.cloudtrailopensearch.loader.index;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an OpenSearch cluster. Immutable. TLS certificates are always verified: against
 * the JVM's trust store, or against {@link #caCertificate()} when given. Credentials are never taken from
 * the command line; see {@link Credentials}. A target signs its requests either with basic-auth
 * {@link #credentials()} or with {@link #awsSigV4()}, never both.
 */
public final class OpenSearchTarget {

    private final URI url;
    private final Credentials credentials;
    private final Path caCertificate;
    private final AwsSigV4 awsSigV4;

    private OpenSearchTarget(Builder builder) {
        this.url = Objects.requireNonNull(builder.url, "url");
        this.credentials = builder.credentials;
        this.caCertificate = builder.caCertificate;
        this.awsSigV4 = builder.awsSigV4;
        if (credentials != null && awsSigV4 != null) {
            throw new IllegalArgumentException("a target is signed with AWS SigV4 or uses basic-auth credentials, not both");
        }
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
        return ClusterFailure.redacted(url) + (credentials == null ? "" : " as " + credentials.username())
                + (awsSigV4 == null ? "" : " signed with AWS SigV4 for " + awsSigV4.service());
    }

    /** Builder for {@link OpenSearchTarget}. */
    public static final class Builder {
        private URI url;
        private Credentials credentials;
        private Path caCertificate;
        private AwsSigV4 awsSigV4;

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

        public Builder awsSigV4(AwsSigV4 awsSigV4) {
            this.awsSigV4 = awsSigV4;
            return this;
        }

        public OpenSearchTarget build() {
            return new OpenSearchTarget(this);
        }
    }
}
