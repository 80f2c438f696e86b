package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Builds an {@link OpenSearchClient} from an {@link OpenSearchTarget}: on the Apache HttpClient 5 transport, or on
 * the AWS SDK transport when the target is signed with AWS SigV4 ({@link AwsSigV4Transports}).
 */
public final class OpenSearchClientFactory {

    private OpenSearchClientFactory() {
    }

    public static OpenSearchClient create(OpenSearchTarget target) throws IOException {
        if (target.awsSigV4().isPresent()) {
            return new OpenSearchClient(AwsSigV4Transports.create(target));
        }
        HttpHost host;
        try {
            host = HttpHost.create(target.url());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a usable OpenSearch URL: " + target.url(), e);
        }
        SSLContext sslContext = target.caCertificate().isPresent()
                ? TrustedCertificates.sslContext(target.caCertificate().orElseThrow()) : null;
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                .setHttpClientConfigCallback(client -> {
                    target.credentials().ifPresent(credentials -> {
                        BasicCredentialsProvider provider = new BasicCredentialsProvider();
                        provider.setCredentials(new AuthScope(host),
                                new UsernamePasswordCredentials(credentials.username(),
                                        credentials.password().toCharArray()));
                        client.setDefaultCredentialsProvider(provider);
                    });
                    if (sslContext != null) {
                        client.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).build())
                                .build());
                    }
                    return client;
                });
        String path = target.url().getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            builder.setPathPrefix(path);
        }
        return new OpenSearchClient(builder.build());
    }
}
