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
        HttpHost[] hosts = new HttpHost[target.urls().size()];
        for (int i = 0; i < hosts.length; i++) {
            try {
                hosts[i] = HttpHost.create(target.urls().get(i));
            } catch (IllegalArgumentException e) {
                throw new IOException("not a usable OpenSearch URL: " + target.urls().get(i), e);
            }
        }
        SSLContext sslContext = target.caCertificate().isPresent()
                ? TrustedCertificates.sslContext(target.caCertificate().orElseThrow()) : null;
        // With several hosts the transport sends each request to the next live one in turn; a host that refuses
        // the connection or answers 502/503/504 is set aside for a while and the request goes to the next.
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper())
                .setHttpClientConfigCallback(client -> {
                    target.credentials().ifPresent(credentials -> {
                        BasicCredentialsProvider provider = new BasicCredentialsProvider();
                        for (HttpHost host : hosts) {
                            provider.setCredentials(new AuthScope(host),
                                    new UsernamePasswordCredentials(credentials.username(),
                                            credentials.password().toCharArray()));
                        }
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
