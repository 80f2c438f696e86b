package org.cloudtrailopensearch.loader.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Log objects from a local file, or every record file below a local folder. */
public final class LocalLogObjectSource implements LogObjectSource {

    private final Path root;

    public LocalLogObjectSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Listing list() throws IOException {
        if (!Files.exists(root)) {
            throw new IOException("no such file or folder: " + root);
        }
        if (Files.isRegularFile(root)) {
            // A file named explicitly is always loaded, whatever its name.
            return Listing.of(List.of(toLogObject(root, root.getFileName().toString())));
        }
        try (Stream<Path> files = Files.walk(root)) {
            return Listing.of(files.filter(Files::isRegularFile)
                    .filter(path -> LogObjectNames.holdsRecords(path.getFileName().toString()))
                    .map(path -> toLogObject(path, root.relativize(path).toString().replace('\\', '/')))
                    .sorted(Comparator.comparing(LogObject::key))
                    .toList());
        }
    }

    private static LogObject toLogObject(Path path, String key) {
        long size;
        String version;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            size = attributes.size();
            version = attributes.lastModifiedTime().toInstant().toString();
        } catch (IOException e) {
            size = -1;
            version = null;
        }
        return new LogObject(path.toString(), key, size, version, () -> Files.newInputStream(path));
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
