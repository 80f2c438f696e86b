package org.cloudtrailopensearch.loader.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the OpenSearch test-node distribution the build placed next to the runnable jar
 * ({@code opensearch-dist/opensearch-<version>.zip}), or the copy in the local Maven repository, and the extra
 * module jars the build placed beside it ({@code opensearch-modules/<version>/<module>/}).
 */
public final class DistributionLocator {

    private DistributionLocator() {
    }

    public static Optional<Path> find(String version) {
        String zipName = "opensearch-" + version + ".zip";
        List<Path> candidates = new ArrayList<>();
        jarDirectory().ifPresent(dir -> candidates.add(dir.resolve("opensearch-dist").resolve(zipName)));
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "opensearch",
                "distribution", "integ-test-zip", "opensearch", version, zipName));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * The folder with the extra module jars of that version ({@code <module>/*.jar} below it, see
     * {@link org.cloudtrailopensearch.loader.localnode.IntegTestModules}); it need not exist.
     */
    public static Path modulesDirectory(String version) {
        return jarDirectory().orElse(Path.of(".")).resolve("opensearch-modules").resolve(version);
    }

    private static Optional<Path> jarDirectory() {
        try {
            Path location = Path.of(DistributionLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // The jar (or, in tests, the classes folder) sits in target/, beside opensearch-dist/.
            return Optional.of(location.getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
