package org.cloudtrailopensearch.loader.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Log objects from a local file, or every record file below a local folder. With a {@link KeyLayoutFilter}, the
 * folder is a trail in CloudTrail's key layout and only the folders that can hold selected files are walked.
 */
public final class LocalLogObjectSource implements LogObjectSource {

    private static final String LAYOUT_FOLDER = "AWSLogs";

    private final Path root;
    private final KeyLayoutFilter filter;

    public LocalLogObjectSource(Path root) {
        this(root, KeyLayoutFilter.none());
    }

    public LocalLogObjectSource(Path root, KeyLayoutFilter filter) {
        this.root = root.toAbsolutePath().normalize();
        this.filter = Objects.requireNonNull(filter);
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
        List<Path> folders = new ArrayList<>();
        if (filter.isEmpty()) {
            folders.add(root);
        } else {
            Path trailRoot = LAYOUT_FOLDER.equals(String.valueOf(root.getFileName())) ? root.getParent() : root;
            for (String prefix : LayoutPrefixes.compute(prefix -> subfolders(trailRoot.resolve(prefix)), "", filter)) {
                folders.add(trailRoot.resolve(prefix));
            }
        }
        List<LogObject> objects = new ArrayList<>();
        List<Listing.SkippedObject> skipped = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : files.filter(Files::isRegularFile).toList()) {
                    LogObject object = toLogObject(path, root.relativize(path).toString().replace('\\', '/'));
                    String reason = LogObjectNames.skipReason(path.getFileName().toString(), object.size());
                    if (reason == null) {
                        objects.add(object);
                    } else {
                        skipped.add(new Listing.SkippedObject(object.name(), reason));
                    }
                }
            }
        }
        objects.sort(Comparator.comparing(LogObject::key));
        skipped.sort(Comparator.comparing(Listing.SkippedObject::name));
        return new Listing(objects, skipped);
    }

    private static List<String> subfolders(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).map(child -> child.getFileName().toString()).sorted().toList();
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

