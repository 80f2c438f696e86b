package org.cloudtrailopensearch.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.codec.digest.DigestUtils;
import org.cloudtrailopensearch.generator.SigningKeys;
import org.cloudtrailopensearch.generator.TrailGenerator;

/** A small generated trail plus helpers to tamper with it the way an attacker (or an accident) would. */
final class TrailFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGION = "us-east-1";

    static TrailGenerator smallTrail() {
        return TrailGenerator.builder()
                .accountIds(List.of("111122223333"))
                .regions(List.of(REGION))
                .hours(6)
                .eventsPerHour(40)
                .logFilesPerHour(4)
                .emptyHourPercent(0)
                .seed(7)
                .threads(1)
                .build();
    }

    private TrailFixture() {
    }

    static List<Path> files(Path root, String folder) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("/" + folder + "/"))
                    .filter(p -> p.toString().endsWith(".json.gz"))
                    .sorted()
                    .toList();
        }
    }

    /** Log files sorted by key (so by delivery time). */
    static List<Path> logs(Path root) throws IOException {
        return files(root, "CloudTrail");
    }

    /** Digest files sorted oldest first. */
    static List<Path> digests(Path root) throws IOException {
        return files(root, "CloudTrail-Digest");
    }

    static String key(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ObjectNode readDigest(Path file) throws IOException {
        return (ObjectNode) JSON.readTree(gunzip(file));
    }

    /** Writes digest JSON and signs it properly with {@code keys}: a forgery only a key holder could make. */
    static void writeSignedDigest(Path file, ObjectNode digest, SigningKeys keys) throws IOException {
        writeSignedDigest(file, digest, keys, "");
    }

    /** As above; {@code extraMetadataJson} is appended to the sidecar object (e.g. {@code ,"k":"v"}). */
    static void writeSignedDigest(Path file, ObjectNode digest, SigningKeys keys, String extraMetadataJson)
            throws IOException {
        byte[] json = JSON.writeValueAsBytes(digest);
        String previousSignature = digest.path("previousDigestSignature").isNull()
                ? "null" : digest.get("previousDigestSignature").asText();
        String signingString = digest.get("digestEndTime").asText() + "\n" + digest.get("digestS3Bucket").asText() + "/"
                + digest.get("digestS3Object").asText() + "\n" + DigestUtils.sha256Hex(json) + "\n" + previousSignature;
        String signature = keys.signHex(REGION, signingString.getBytes(StandardCharsets.UTF_8));
        Files.write(file, gzip(json));
        Files.writeString(sidecar(file), "{\"signature\":\"" + signature
                + "\",\"signature-algorithm\":\"SHA256withRSA\"" + extraMetadataJson + "}");
    }

    static Path sidecar(Path digest) {
        return digest.resolveSibling(digest.getFileName() + LocalTrailSource.METADATA_SIDECAR_SUFFIX);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
