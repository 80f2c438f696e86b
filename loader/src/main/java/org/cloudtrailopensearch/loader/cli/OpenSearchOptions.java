package org.cloudtrailopensearch.loader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.cloudtrailopensearch.loader.index.ClusterProbe;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Option;

/**
 * Options that say which cluster to talk to. Passwords are read from the environment or a file, never
 * from an option, so they stay out of shell history and process listings.
 */
public final class OpenSearchOptions {

    static final String USERNAME_ENV = "OPENSEARCH_USERNAME";
    static final String PASSWORD_ENV = "OPENSEARCH_PASSWORD";

    /** The first {@code --opensearch-url}: the node that messages name. */
    URI url;
    /** Every {@code --opensearch-url}, in order. */
    List<URI> urls = List.of();

    @Option(names = "--opensearch-url", paramLabel = "URL", split = ",",
            defaultValue = "${env:OPENSEARCH_URL:-http://localhost:9200}",
            description = {"OpenSearch REST endpoint (env OPENSEARCH_URL; default: ${DEFAULT-VALUE}).",
                    "Several nodes of one cluster: repeat the option or separate the URLs with commas; requests are "
                            + "spread over them and go on with the others while one is down."})
    void urls(List<URI> values) {
        urls = List.copyOf(values);
        url = urls.isEmpty() ? null : urls.get(0);
    }

    @Option(names = "--ca-cert", paramLabel = "PEM",
            description = "CA certificate(s) to verify the cluster's TLS certificate with, instead of the JVM's trust store.")
    Path caCertificate;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Properties file with username= and password= for HTTP basic auth. "
                    + "Otherwise the environment variables " + USERNAME_ENV + " and " + PASSWORD_ENV + " are used, if set.")
    Path credentialsFile;

    @Option(names = "--aws-sigv4",
            description = {"Sign requests with AWS SigV4 for Amazon OpenSearch Service or Serverless, instead of basic auth.",
                    "Credentials: the AWS SDK default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, "
                            + "AWS_PROFILE, web identity, container or instance role)."})
    boolean awsSigV4;

    @Option(names = "--aws-service", paramLabel = "es|aoss", defaultValue = "es",
            description = "With --aws-sigv4: es for Amazon OpenSearch Service domains, aoss for Serverless collections "
                    + "(default: ${DEFAULT-VALUE}).")
    String awsService;

    @Option(names = "--aws-region", paramLabel = "REGION",
            description = "With --aws-sigv4: the region to sign for (default: the AWS SDK default region chain: "
                    + "AWS_REGION, the profile's region).")
    String awsRegion;

    /** A client for the cluster of these options, once {@link ClusterProbe} showed the cluster answers. */
    OpenSearchClient connect() throws IOException {
        return connect(toTarget());
    }

    /**
     * A client for {@code target} after {@link ClusterProbe#check}: a cluster that cannot be reached, whose TLS
     * certificate cannot be verified or that refuses the credentials ends the command here, with a
     * {@link org.cloudtrailopensearch.loader.index.ClusterFailure}, before any work starts.
     */
    static OpenSearchClient connect(OpenSearchTarget target) throws IOException {
        OpenSearchClient client = OpenSearchClientFactory.create(target);
        try {
            ClusterProbe.check(client, target);
            return client;
        } catch (IOException | RuntimeException e) {
            try {
                client._transport().close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    OpenSearchTarget toTarget() throws IOException {
        Map<String, String> environment = System.getenv();
        OpenSearchTarget.Builder target = OpenSearchTarget.builder().urls(urls).caCertificate(caCertificate);
        if (!awsSigV4 && (awsRegion != null || !"es".equals(awsService))) {
            throw new IOException("--aws-service and --aws-region only apply with --aws-sigv4");
        }
        if (awsSigV4) {
            if (credentialsFile != null) {
                throw new IOException("--aws-sigv4 signs with AWS credentials: leave out --credentials-file");
            }
            if (urls.size() > 1) {
                throw new IOException("--aws-sigv4 signs for one service endpoint: give one --opensearch-url");
            }
            if (!OpenSearchTarget.AwsSigV4.SERVICES.contains(awsService)) {
                throw new IOException("--aws-service must be es (OpenSearch Service) or aoss (Serverless), not " + awsService);
            }
            // OPENSEARCH_USERNAME/PASSWORD may be set for other clusters; a signed request carries no basic auth.
            return target.awsSigV4(new OpenSearchTarget.AwsSigV4(awsService, java.util.Optional.ofNullable(awsRegion)))
                    .build();
        }
        if (credentialsFile != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(credentialsFile)) {
                properties.load(in);
            }
            String username = properties.getProperty("username");
            String password = properties.getProperty("password");
            if (username == null || password == null) {
                throw new IOException(credentialsFile + " must define both username= and password=");
            }
            target.credentials(new OpenSearchTarget.Credentials(username, password));
        } else if (environment.containsKey(USERNAME_ENV) && environment.containsKey(PASSWORD_ENV)) {
            target.credentials(new OpenSearchTarget.Credentials(environment.get(USERNAME_ENV),
                    environment.get(PASSWORD_ENV)));
        }
        return target.build();
    }
}
