package org.cloudtrailopensearch.loader.localnode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A module to add to a distribution's {@code modules/} folder before the node starts: its jars, the text of its
 * {@code plugin-descriptor.properties} and, if it needs extra permissions, of its {@code plugin-security.policy}.
 * Immutable.
 */
public final class ExtraModule {

    private final String name;
    private final List<Path> jars;
    private final String descriptor;
    private final String securityPolicy;
    private final String opensearchVersion;

    private ExtraModule(String name, List<Path> jars, String descriptor, String securityPolicy) {
        this.name = Objects.requireNonNull(name, "name");
        this.jars = List.copyOf(jars);
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.securityPolicy = securityPolicy;
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("module " + name + " has no jars");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(descriptor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!name.equals(properties.getProperty("name"))) {
            throw new IllegalArgumentException("the descriptor of module " + name + " names " + properties.getProperty("name"));
        }
        this.opensearchVersion = properties.getProperty("opensearch.version", "");
    }

    /** {@code securityPolicy} may be null: the module needs no permissions beyond the default ones. */
    public static ExtraModule of(String name, List<Path> jars, String descriptor, String securityPolicy) {
        return new ExtraModule(name, jars, descriptor, securityPolicy);
    }

    /** The folder name under {@code modules/}, e.g. {@code lang-painless}. */
    public String name() {
        return name;
    }

    public List<Path> jars() {
        return jars;
    }

    public String descriptor() {
        return descriptor;
    }

    public Optional<String> securityPolicy() {
        return Optional.ofNullable(securityPolicy);
    }

    /** The {@code opensearch.version} of the descriptor: OpenSearch loads the module only on exactly that version. */
    public String opensearchVersion() {
        return opensearchVersion;
    }

    @Override
    public String toString() {
        return name + " " + opensearchVersion + " (" + jars.size() + " jars)";
    }
}
