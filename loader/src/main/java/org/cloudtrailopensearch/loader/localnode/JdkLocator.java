package org.cloudtrailopensearch.loader.localnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds an installed JDK of a given feature version range. OpenSearch 2.19 needs JDK 17..20 (later JDKs
 * refuse its Security Manager flag) and 3.x needs 21 or newer, while the build itself may run on 17.
 */
public final class JdkLocator {

    private static final List<Path> JVM_FOLDERS = List.of(
            Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"), Path.of("/opt"),
            Path.of("/Library/Java/JavaVirtualMachines"));

    private JdkLocator() {
    }

    /** The newest JDK with {@code minFeature <= version <= maxFeature}: the running one first, then system folders. */
    public static Optional<Path> find(int minFeature, int maxFeature) {
        Path running = Path.of(System.getProperty("java.home"));
        int runningFeature = Runtime.version().feature();
        if (runningFeature >= minFeature && runningFeature <= maxFeature && isJdk(running)) {
            return Optional.of(running);
        }
        List<Path> candidates = new ArrayList<>();
        for (Path folder : JVM_FOLDERS) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> children = Files.list(folder)) {
                children.forEach(child -> {
                    candidates.add(child);
                    candidates.add(child.resolve("Contents/Home"));
                });
            } catch (IOException e) {
                // an unreadable folder simply holds no candidates
            }
        }
        return candidates.stream()
                .filter(JdkLocator::isJdk)
                .filter(home -> featureVersion(home).map(v -> v >= minFeature && v <= maxFeature).orElse(false))
                .max(Comparator.comparing(home -> featureVersion(home).orElse(0)));
    }

    /** The feature version (17, 21, 25, ...) a JDK's {@code release} file declares. */
    public static Optional<Integer> featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String feature = version.split("[.+-]")[0];
        if (feature.equals("1")) {
            return Optional.of(8);
        }
        try {
            return Optional.of(Integer.parseInt(feature));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isJdk(Path home) {
        return Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(home.resolve("release"));
    }
}
