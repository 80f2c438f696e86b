package org.cloudtrailopensearch.loader.localnode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies {@link ExtraModule}s into an unpacked distribution's {@code modules/} folder. A module whose folder
 * already exists is left alone (the 3.x integ-test zips ship all modules; an earlier start may have installed
 * it), and one built for another OpenSearch version is skipped, because the node would refuse to start.
 */
final class ModuleInstaller {

    /** What happened to one module. */
    record Outcome(String module, Status status, String detail) {
        @Override
        public String toString() {
            return module + ": " + status.text + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    enum Status {
        INSTALLED("installed"), PRESENT("already in the distribution"), SKIPPED("skipped");

        private final String text;

        Status(String text) {
            this.text = text;
        }
    }

    private ModuleInstaller() {
    }

    static List<Outcome> install(Path home, String version, List<ExtraModule> modules) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (ExtraModule module : modules) {
            outcomes.add(install(home, version, module));
        }
        return List.copyOf(outcomes);
    }

    private static Outcome install(Path home, String version, ExtraModule module) throws IOException {
        Path target = home.resolve("modules").resolve(module.name());
        if (Files.exists(target)) {
            return new Outcome(module.name(), Status.PRESENT, "");
        }
        if (!module.opensearchVersion().equals(version)) {
            return new Outcome(module.name(), Status.SKIPPED,
                    "built for OpenSearch " + module.opensearchVersion() + ", the node is " + version);
        }
        // Stage outside modules/: OpenSearch would try to load any folder it finds there, even a half-copied one.
        Path staging = Files.createTempDirectory(home, ".module-" + module.name() + "-");
        try {
            for (Path jar : module.jars()) {
                Files.copy(jar, staging.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.writeString(staging.resolve("plugin-descriptor.properties"), module.descriptor(), StandardCharsets.UTF_8);
            if (module.securityPolicy().isPresent()) {
                Files.writeString(staging.resolve("plugin-security.policy"), module.securityPolicy().get(),
                        StandardCharsets.UTF_8);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Folders.deleteRecursively(staging);
        }
        int jars = module.jars().size();
        return new Outcome(module.name(), Status.INSTALLED, jars + (jars == 1 ? " jar" : " jars"));
    }
}
