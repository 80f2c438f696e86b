package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts that trust exactly the CA certificates of a PEM file, instead of the JVM's trust store.
 * Certificates and host names are still verified; nothing here turns verification off.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /** A context trusting the CA certificate(s) in {@code pemFile}. */
    public static SSLContext sslContext(Path pemFile) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(pemFile), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the CA certificate " + pemFile, e);
        }
    }

    /** Trust managers that accept exactly the CA certificate(s) in {@code pemFile}. */
    public static TrustManager[] trustManagers(Path pemFile) throws IOException {
        try (InputStream pem = Files.newInputStream(pemFile)) {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trustStore.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new IOException("no certificate in " + pemFile);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            return trust.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the CA certificate " + pemFile, e);
        }
    }
}
