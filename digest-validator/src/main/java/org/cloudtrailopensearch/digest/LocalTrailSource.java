package org.cloudtrailopensearch.digest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local folder holding the same {@code AWSLogs/...} layout as the bucket (e.g. an {@code aws s3 sync} copy).
 *
 * <p>S3 user metadata (the digest signature) is read from a sidecar next to the object:
 * {@code <object file>.metadata.json}, a flat JSON object such as
 * {@code {"signature":"<hex>","signature-algorithm":"SHA256withRSA"}} (names lower case, without
 * {@code x-amz-meta-}). The trail generator writes this convention.
 *
 * <p>A folder has no bucket name, so the location check compares only the key: {@code digestS3Object} must end
 * with the digest's path relative to the folder. References to log files are resolved from {@code AWSLogs/}
 * onwards, so any bucket prefix in front of it is ignored.
 */
public final class LocalTrailSource implements TrailSource {

    /** Suffix of the sidecar file holding an object's S3 user metadata. */
    public static final String METADATA_SIDECAR_SUFFIX = ".metadata.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAYOUT_ROOT = "AWSLogs/";

    private final Path root;

    public LocalTrailSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public String locationOf(String key) {
        return root.resolve(key).toString();
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        Path folder = root.resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(Files::isDirectory).forEach(dir -> children.add(dir.getFileName().toString()));
        }
        children.sort(null);
        return children;
    }

    @Override
    public List<ListedObject> listObjects(String prefix) throws IOException {
        Path folder = root.resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<ListedObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().endsWith(METADATA_SIDECAR_SUFFIX)) {
                    objects.add(new ListedObject(root.relativize(file).toString().replace('\\', '/'), Files.size(file)));
                }
            }
        }
        return objects;
    }

    @Override
    public StoredObject open(String key) throws IOException {
        Path file = resolve(key);
        InputStream body;
        try {
            body = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(file.toString());
        }
        Path sidecar = file.resolveSibling(file.getFileName() + METADATA_SIDECAR_SUFFIX);
        Map<String, String> metadata = Map.of();
        if (Files.isRegularFile(sidecar)) {
            try {
                metadata = JSON.readValue(sidecar.toFile(), new TypeReference<Map<String, String>>() { });
            } catch (IOException e) {
                body.close();
                throw new IOException("unreadable metadata sidecar " + sidecar + ": " + e.getMessage(), e);
            }
        }
        return new StoredObject(body, metadata);
    }

    private Path resolve(String key) throws IOException {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IOException("key escapes the source folder: " + key);
        }
        return file;
    }

    @Override
    public Optional<String> keyOf(String s3Bucket, String s3Object) {
        if (s3Object == null) {
            return Optional.empty();
        }
        int layoutStart = s3Object.startsWith(LAYOUT_ROOT) ? 0 : s3Object.indexOf("/" + LAYOUT_ROOT) + 1;
        return layoutStart < 0 || (layoutStart == 0 && !s3Object.startsWith(LAYOUT_ROOT))
                ? Optional.empty() : Optional.of(s3Object.substring(layoutStart));
    }

    @Override
    public boolean isAt(String key, String s3Bucket, String s3Object) {
        return s3Object != null && (s3Object.equals(key) || s3Object.endsWith("/" + key));
    }

    @Override
    public String expectedLocation(String key) {
        return "<any bucket>/<any prefix>/" + key;
    }
}
