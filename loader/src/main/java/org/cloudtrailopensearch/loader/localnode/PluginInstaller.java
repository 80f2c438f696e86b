package org.cloudtrailopensearch.loader.localnode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs plugin zips into an unpacked distribution with its own {@code bin/opensearch-plugin install --batch},
 * once per home: a marker file per zip remembers what an earlier start installed.
 */
final class PluginInstaller {

    private static final long TIMEOUT_MINUTES = 5;

    private PluginInstaller() {
    }

    static void install(Path home, Path javaHome, List<Path> zips) throws IOException, InterruptedException {
        for (Path zip : zips) {
            Path marker = home.resolve(".plugin-" + zip.getFileName());
            if (Files.exists(marker)) {
                continue;
            }
            Path log = home.resolve("logs").resolve("plugin-install-" + zip.getFileName() + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/opensearch-plugin").toString(), "install",
                    "--batch", zip.toAbsolutePath().toUri().toString())
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("JAVA_HOME", javaHome.toString());
            builder.environment().put("OPENSEARCH_JAVA_HOME", javaHome.toString());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("installing " + zip + " took more than " + TIMEOUT_MINUTES + " minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IOException("installing " + zip + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
            Files.createFile(marker);
        }
    }
}
