package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cloudtrailopensearch.loader.index.OpenSearchClientFactory;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.cloudtrailopensearch.loader.localnode.LocalNodeConfig;
import org.cloudtrailopensearch.loader.localnode.LocalOpenSearchNode;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;

/**
 * A real OpenSearch with the security plugin: the integ-test zip plus {@code opensearch-security} from Maven
 * Central (both copied by the it pom to {@code it.secured.dir}), TLS on HTTP and transport with a CA and node
 * certificate made here with the JDK's keytool for 127.0.0.1 and localhost, and one internal user {@code admin} with a
 * random password, hashed by the plugin's own {@code tools/hash.sh}. The security index is created from that
 * configuration at the first start ({@code plugins.security.allow_default_init_securityindex}).
 */
public final class SecuredNode implements AutoCloseable {

    public static final String USERNAME = "admin";

    private final LocalOpenSearchNode node;
    private final Path caPem;
    private final String password;
    private final OpenSearchClient client;

    private SecuredNode(LocalOpenSearchNode node, Path caPem, String password, OpenSearchClient client) {
        this.node = node;
        this.caPem = caPem;
        this.password = password;
        this.client = client;
    }

    /** Starts the node and waits until it is green for its admin; stops it again if that fails. */
    public static SecuredNode start() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("it.secured.dir", "target/opensearch-secured")).toAbsolutePath();
        String version = System.getProperty("it.secured.opensearch.version", "2.19.4");
        String pluginVersion = System.getProperty("it.secured.security-plugin.version", version + ".0");
        Path zip = dir.resolve("opensearch-" + version + ".zip");
        Path plugin = dir.resolve("opensearch-security-" + pluginVersion + ".zip");
        for (Path file : List.of(zip, plugin)) {
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is missing; run the tests through Maven (it pom, opensearch-secured-node)");
            }
        }
        Path certificates = Files.createDirectories(dir.resolve("certificates"));
        makeCertificates(certificates);
        String password = "It-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12)) + "-Pw!";

        LocalNodeConfig config = LocalNodeConfig.builder()
                .distributionZip(zip)
                .workDir(dir.resolve("nodes"))
                .heapSize("512m")
                .startTimeout(Duration.ofMinutes(5))
                .plugins(List.of(plugin))
                .homePreparation((home, javaHome) -> configure(home, javaHome, certificates, password))
                .settings(securitySettings())
                .httpsCaCertificate(certificates.resolve("root-ca.pem"))
                .build();
        LocalOpenSearchNode node = LocalOpenSearchNode.start(config);
        OpenSearchClient client = null;
        try {
            client = OpenSearchClientFactory.create(OpenSearchTarget.builder().url(node.httpUri())
                    .caCertificate(certificates.resolve("root-ca.pem"))
                    .credentials(new OpenSearchTarget.Credentials(USERNAME, password)).build());
            awaitGreen(client, node);
            System.out.println("[it] secured " + node + " with the security plugin " + pluginVersion);
            return new SecuredNode(node, certificates.resolve("root-ca.pem"), password, client);
        } catch (IOException | RuntimeException | InterruptedException e) {
            node.close();
            throw e;
        }
    }

    public URI url() {
        return node.httpUri();
    }

    /** The CA that signed the node's certificate, for {@code --ca-cert}. */
    public Path caPem() {
        return caPem;
    }

    public String password() {
        return password;
    }

    /** A client authenticated as admin. */
    public OpenSearchClient client() {
        return client;
    }

    public long pid() {
        return node.pid();
    }

    @Override
    public void close() throws IOException {
        try {
            client._transport().close();
        } finally {
            node.close();
            System.out.println("[it] stopped the secured OpenSearch (pid " + node.pid() + ")");
        }
    }

    private static Map<String, String> securitySettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String layer : List.of("transport", "http")) {
            settings.put("plugins.security.ssl." + layer + ".pemcert_filepath", "node.pem");
            settings.put("plugins.security.ssl." + layer + ".pemkey_filepath", "node-key.pem");
            settings.put("plugins.security.ssl." + layer + ".pemtrustedcas_filepath", "root-ca.pem");
        }
        settings.put("plugins.security.ssl.http.enabled", "true");
        settings.put("plugins.security.ssl.transport.enforce_hostname_verification", "false");
        settings.put("plugins.security.nodes_dn", "CN=it-secured-node");
        // No admin certificate is needed: the configuration is loaded from the yml files at the first start.
        settings.put("plugins.security.authcz.admin_dn", "CN=it-no-admin-certificate");
        settings.put("plugins.security.allow_default_init_securityindex", "true");
        settings.put("plugins.security.audit.type", "noop");
        return settings;
    }

    /** Certificates into the node's config folder (the plugin reads only there) and the one internal user. */
    private static void configure(Path home, Path javaHome, Path certificates, String password)
            throws IOException, InterruptedException {
        for (String file : List.of("root-ca.pem", "node.pem", "node-key.pem")) {
            Files.copy(certificates.resolve(file), home.resolve("config").resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path hashTool = home.resolve("plugins/opensearch-security/tools/hash.sh");
        hashTool.toFile().setExecutable(true, false);
        List<String> output = run(home, Map.of("JAVA_HOME", javaHome.toString(), "OPENSEARCH_JAVA_HOME", javaHome.toString()),
                hashTool.toString(), "-p", password);
        String hash = output.stream().map(String::strip).filter(line -> line.startsWith("$2")).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException("tools/hash.sh printed no bcrypt hash"));
        Files.writeString(home.resolve("config/opensearch-security/internal_users.yml"), String.join("\n",
                "_meta:",
                "  type: \"internalusers\"",
                "  config_version: 2",
                USERNAME + ":",
                "  hash: \"" + hash + "\"",
                "  reserved: true",
                "  backend_roles:",
                "  - \"admin\"",
                ""), StandardCharsets.UTF_8);
    }

    /**
     * A CA and a node certificate signed by it, made with the JDK's own keytool so the test needs nothing beyond a
     * JDK. keytool keeps private keys in a PKCS#12 store; the security plugin reads PEM files, so the node key is
     * written out as PKCS#8 PEM from the store.
     */
    private static void makeCertificates(Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir.resolve("node.pem"))) {
            return;
        }
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String password = "it-secured-store";
        Map<String, String> none = Map.of();
        run(dir, none, keytool, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=it-secured-root-ca", "-ext", "bc:c", "-keystore", "ca.p12", "-storetype", "PKCS12",
                "-storepass", password);
        run(dir, none, keytool, "-exportcert", "-rfc", "-alias", "ca", "-file", "root-ca.pem",
                "-keystore", "ca.p12", "-storepass", password);
        run(dir, none, keytool, "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=it-secured-node", "-keystore", "node.p12", "-storetype", "PKCS12", "-storepass", password);
        run(dir, none, keytool, "-certreq", "-alias", "node", "-file", "node.csr", "-keystore", "node.p12",
                "-storepass", password);
        run(dir, none, keytool, "-gencert", "-rfc", "-alias", "ca", "-infile", "node.csr", "-outfile", "node.pem",
                "-validity", "30", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth,clientAuth",
                "-keystore", "ca.p12", "-storepass", password);
        writePkcs8Pem(dir.resolve("node.p12"), "node", password.toCharArray(), dir.resolve("node-key.pem"));
    }

    private static void writePkcs8Pem(Path keyStoreFile, String alias, char[] password, Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            byte[] pkcs8 = store.getKey(alias, password).getEncoded(); // RSA private keys encode as PKCS#8
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n",
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the node key from " + keyStoreFile, e);
        }
    }

    private static List<String> run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command[0] + " (the secured-node test needs it installed)", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(command[0] + " " + command[1] + " failed: " + output);
        }
        return new ArrayList<>(output.lines().toList());
    }

    private static void awaitGreen(OpenSearchClient client, LocalOpenSearchNode node) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (client.cluster().health(h -> h.waitForStatus(HealthStatus.Green).timeout(t -> t.time("5s")))
                        .status() == HealthStatus.Green) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                last = e; // 503 until the security configuration is loaded
            }
            Thread.sleep(500);
        }
        throw new IOException("the secured node was not green within 3 minutes (last: " + last + "). Its log:\n"
                + node.logTail());
    }
}
