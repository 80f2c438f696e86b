package org.cloudtrailopensearch.loader.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made with the JDK's keytool: {@link #caPem()} is
 * what a client passes as {@code --ca-cert}, {@link #serverContext()} what a test server presents.
 */
public final class TestCertificates {

    private static final char[] STORE_PASSWORD = "test-store".toCharArray();

    private final Path keyStore;
    private final Path caPem;

    private TestCertificates(Path keyStore, Path caPem) {
        this.keyStore = keyStore;
        this.caPem = caPem;
    }

    /** Makes a new key pair and certificate under {@code dir}; each call gives a different, unrelated CA. */
    public static TestCertificates create(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve(name + ".p12");
        Path caPem = dir.resolve(name + "-ca.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "server", "-file", caPem.toString(),
                "-keystore", keyStore.toString(), "-storepass", new String(STORE_PASSWORD));
        return new TestCertificates(keyStore, caPem);
    }

    public Path caPem() {
        return caPem;
    }

    public SSLContext serverContext() throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
