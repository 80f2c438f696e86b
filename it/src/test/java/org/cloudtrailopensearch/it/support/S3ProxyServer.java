package org.cloudtrailopensearch.it.support;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server in this JVM (S3Proxy with its in-memory {@code transient-nio2} store), on a free
 * loopback port, with SigV4 authentication so the AWS SDK's normal signing path is exercised.
 *
 * <p>While it runs, its keys are also the AWS default chain's credentials (as system properties): the
 * project's commands take credentials from that chain only, never from options.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "it-access-key";
    public static final String SECRET_KEY = "it-secret-key";
    /** For a CLI process of its own: the credentials and region as the AWS SDK's default chain reads them. */
    public static final Map<String, String> CREDENTIALS_ENVIRONMENT = Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", "us-east-1");

    private final S3Proxy proxy;
    private final S3Requests requests;

    private S3ProxyServer(S3Proxy proxy, S3Requests requests) {
        this.proxy = proxy;
        this.requests = requests;
    }

    public static S3ProxyServer start() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        S3Requests requests = new S3Requests();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(requests.record(BlobStores.create("transient-nio2", properties)))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start; state " + proxy.getState());
            }
            Thread.sleep(10);
        }
        System.out.println("[it] S3Proxy (transient-nio2) listening on 127.0.0.1:" + proxy.getPort());
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        return new S3ProxyServer(proxy, requests);
    }

    /** A client for arranging test data; the caller closes it. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** What the server was asked to list and read since it started (or since {@link S3Requests#clear()}). */
    public S3Requests requests() {
        return requests;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop cleanly", e);
        }
    }
}
