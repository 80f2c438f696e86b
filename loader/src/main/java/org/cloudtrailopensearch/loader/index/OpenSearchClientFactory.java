package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** Builds an {@link OpenSearchClient} on the Apache HttpClient 5 transport from an {@link OpenSearchTarget}. */
public final class OpenSearchClientFactory {

    private OpenSearchClientFactory() {
    }

    public static OpenSearchClient create(OpenSearchTarget target) throws IOException {
        HttpHost host;
        try {
            host = HttpHost.create(target.url());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a usable OpenSearch URL: " + target.url(), e);
        }
        SSLContext sslContext = target.caCertificate().isPresent() ? trusting(target) : null;
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

    /** A context that trusts exactly the CA certificates in the target's PEM file (hostnames still verified). */
    private static SSLContext trusting(OpenSearchTarget target) throws IOException {
        try (InputStream pem = Files.newInputStream(target.caCertificate().orElseThrow())) {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trustStore.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new IOException("no certificate in " + target.caCertificate().orElseThrow());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the CA certificate " + target.caCertificate().orElseThrow(), e);
        }
    }
}
