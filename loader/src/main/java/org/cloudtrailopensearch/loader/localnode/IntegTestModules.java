package org.cloudtrailopensearch.loader.localnode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The modules a real OpenSearch 2.x has and its integ-test zip lacks, which the project's tests and demo need:
 * {@code lang-painless} (script queries, {@code moving_fn}, Alerting triggers), {@code geo}
 * ({@code geohash_grid} for coordinate maps) and {@code reindex} ({@code _update_by_query}: queue-mode integrity
 * re-marks). The build copies their jars from Maven Central (the parent pom's
 * {@code opensearch2-modules} execution) to {@code opensearch-modules/<version>/<module>/}; the descriptors and
 * policies are resources of this package ({@code modules/<module>/}).
 */
public final class IntegTestModules {

    /** The module folder names, in the order they are installed. */
    public static final List<String> NAMES = List.of("lang-painless", "geo", "reindex");

    private static final String RESOURCES = "modules/";

    private IntegTestModules() {
    }

    /** The modules found under {@code versionDir/<module>/*.jar}, and the names of those that are not there. */
    public record Lookup(List<ExtraModule> found, List<String> missing) {
        public Lookup {
            found = List.copyOf(found);
            missing = List.copyOf(missing);
        }
    }

    /** {@code versionDir} is e.g. {@code target/opensearch-modules/2.19.6}; it need not exist. */
    public static Lookup find(Path versionDir) {
        List<ExtraModule> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) {
            List<Path> jars = jars(versionDir.resolve(name));
            if (jars.isEmpty()) {
                missing.add(name);
            } else {
                found.add(ExtraModule.of(name, jars, resource(name + "/plugin-descriptor.properties"),
                        optionalResource(name + "/plugin-security.policy")));
            }
        }
        return new Lookup(found, missing);
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        String text = optionalResource(path);
        if (text == null) {
            throw new IllegalStateException("resource " + RESOURCES + path + " is missing from the loader jar");
        }
        return text;
    }

    private static String optionalResource(String path) {
        try (InputStream in = IntegTestModules.class.getResourceAsStream(RESOURCES + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
