package org.cloudtrailopensearch.templates;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (or beside it) that the template tests compare with: the mapper's tables and cases. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /**
     * {@code relative} resolved against the working directory or the nearest of its parents where it exists (the
     * module, the repository root, or the folder beside the checkout), or null.
     */
    static Path findAbove(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
