package org.cloudtrailopensearch.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the public conformance fixtures in {@code shared/}, which sits beside the checkout. */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    public static Optional<Path> conformanceDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/elastic-cloudtrail");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
