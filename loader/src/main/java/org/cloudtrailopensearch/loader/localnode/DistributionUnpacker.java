package org.cloudtrailopensearch.loader.localnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Unpacks an OpenSearch distribution zip once, restoring the executable bit of its launch scripts. */
final class DistributionUnpacker {

    private static final String COMPLETE_MARKER = ".unpacked";

    private DistributionUnpacker() {
    }

    /** Returns the distribution's home folder under {@code targetDir}, unpacking it if not done before. */
    static Path unpack(Path zip, Path targetDir) throws IOException {
        String homeName = zip.getFileName().toString().replaceFirst("\\.zip$", "");
        Path home = targetDir.resolve(homeName);
        if (Files.exists(home.resolve(COMPLETE_MARKER))) {
            return home;
        }
        Files.createDirectories(targetDir);
        Path staging = Files.createTempDirectory(targetDir, homeName + ".partial-");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                extract(file, entries.nextElement(), staging);
            }
        }
        Path unpackedHome = staging.resolve(homeName);
        if (!Files.isDirectory(unpackedHome)) {
            throw new IOException(zip + " does not contain the folder " + homeName + "/");
        }
        // The zip's own permissions are lost by java.util.zip; only the launch scripts need +x.
        try (var scripts = Files.list(unpackedHome.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true, false));
        }
        Files.createFile(unpackedHome.resolve(COMPLETE_MARKER));
        if (Files.exists(home)) {
            Folders.deleteRecursively(home);
        }
        Files.move(unpackedHome, home, StandardCopyOption.ATOMIC_MOVE);
        Folders.deleteRecursively(staging);
        return home;
    }

    private static void extract(ZipFile file, ZipEntry entry, Path staging) throws IOException {
        Path target = staging.resolve(entry.getName()).normalize();
        if (!target.startsWith(staging)) {
            throw new IOException("zip entry escapes the target folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
