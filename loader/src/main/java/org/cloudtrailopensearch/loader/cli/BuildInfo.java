package org.cloudtrailopensearch.loader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Facts Maven wrote into the jar at build time (version, the demo's OpenSearch version). */
public final class BuildInfo implements IVersionProvider {

    private static final Properties PROPERTIES = load();

    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The OpenSearch version whose distribution the build copies next to the jar for {@code demo}. */
    public static String demoOpenSearchVersion() {
        return PROPERTIES.getProperty("opensearch.demo.version");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"cloudtrail-opensearch " + version()};
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/cloudtrailopensearch/loader/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
