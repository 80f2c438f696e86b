package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes objects as files below a root folder, mirroring the S3 key layout.
 *
 * <p>S3 user metadata has no place in a file system, so it goes into a sidecar file next to the object:
 * {@code <object file>.metadata.json}, a flat JSON object of the user-metadata names (lower case, without
 * {@code x-amz-meta-}) to their values, e.g. {@code {"signature":"ab12..","signature-algorithm":"SHA256withRSA"}}.
 * The digest validator reads the same convention.
 */
public final class LocalFolderSink implements TrailSink {

    /** Suffix of the sidecar file holding an object's S3 user metadata. */
    public static final String METADATA_SIDECAR_SUFFIX = ".metadata.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final String bucket;

    public LocalFolderSink(Path root, String bucket) {
        this.root = root.toAbsolutePath().normalize();
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] bytes, Map<String, String> userMetadata) throws IOException {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IOException("key escapes the output folder: " + key);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        if (!userMetadata.isEmpty()) {
            Path sidecar = file.resolveSibling(file.getFileName() + METADATA_SIDECAR_SUFFIX);
            Files.write(sidecar, JSON.writeValueAsBytes(new TreeMap<>(userMetadata)));
        }
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public String prefix() {
        return "";
    }

    @Override
    public String describe(String key) {
        return root.resolve(key).toString();
    }
}
