package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import java.net.URI;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The opensearch-java {@link AwsSdk2Transport} for a target with {@link OpenSearchTarget#awsSigV4()}: every request
 * signed with AWS SigV4, the credentials from the SDK's default chain (environment, system properties, profile,
 * web identity, container or instance role), resolved at signing time and never printed. The SDK's Netty client
 * carries the requests, because its Apache clients cannot send a body with GET or DELETE.
 */
final class AwsSigV4Transports {

    private AwsSigV4Transports() {
    }

    static OpenSearchTransport create(OpenSearchTarget target) throws IOException {
        OpenSearchTarget.AwsSigV4 signing = target.awsSigV4().orElseThrow();
        URI url = target.url();
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IOException("--aws-sigv4 needs an https:// --opensearch-url (AWS endpoints serve only https): "
                    + ClusterFailure.redacted(url));
        }
        if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
            throw new IOException("--aws-sigv4 does not support a path in --opensearch-url: " + ClusterFailure.redacted(url));
        }
        Region region = region(signing);
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder();
        if (target.caCertificate().isPresent()) {
            javax.net.ssl.TrustManager[] trust = TrustedCertificates.trustManagers(target.caCertificate().orElseThrow());
            http.tlsTrustManagersProvider(() -> trust);
        }
        SdkAsyncHttpClient httpClient = http.build();
        String host = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
        AwsSdk2TransportOptions options = AwsSdk2TransportOptions.builder()
                .setCredentials(DefaultCredentialsProvider.builder().build())
                .setMapper(new JacksonJsonpMapper())
                .build();
        return new ClosingTransport(httpClient, host, signing.service(), region, options);
    }

    private static Region region(OpenSearchTarget.AwsSigV4 signing) throws IOException {
        if (signing.region().isPresent()) {
            return Region.of(signing.region().orElseThrow());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new IOException("--aws-sigv4 needs a region: pass --aws-region, or set AWS_REGION or a profile region");
        }
    }

    /** {@link AwsSdk2Transport#close()} leaves the HTTP client it was given open; this one closes it. */
    private static final class ClosingTransport extends AwsSdk2Transport {
        private final SdkAsyncHttpClient httpClient;

        ClosingTransport(SdkAsyncHttpClient httpClient, String host, String service, Region region,
                AwsSdk2TransportOptions options) {
            super(httpClient, host, service, region, options);
            this.httpClient = httpClient;
        }

        @Override
        public void close() {
            httpClient.close();
        }
    }
}
