package org.cloudtrailopensearch.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the generator's output bytes: tests and benchmarks elsewhere rely on a configuration always giving
 * the same trail. The expected hashes were computed with the generator as it was before the incident and
 * securityEvents options existed; with both options at their defaults the output must not change.
 */
class OutputStabilityTest {

    static final String PLAIN_HASH = "91380f6dc85afe635e8268cc942654c1c4a2d956c886073a1cb534616b83e20a";
    static final String ORG_HASH = "6d163a0ad16899c73de5f9b7593a90c47cf97361039a2481b39fb1877e270158";

    /**
     * SHA-256 over every output file (relative path, NUL, SHA-256 of its content, newline), in path order.
     * Gzipped files count with their uncompressed content, so the hash does not depend on the zlib build.
     */
    static String treeHash(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            MessageDigest tree = sha256();
            for (Path file : files) {
                tree.update(root.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                tree.update((byte) 0);
                tree.update(HexFormat.of().formatHex(sha256().digest(content(file)))
                        .getBytes(StandardCharsets.US_ASCII));
                tree.update((byte) '\n');
            }
            return HexFormat.of().formatHex(tree.digest());
        }
    }

    private static byte[] content(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static TrailGenerator.Builder plain() {
        return TrailGenerator.builder().accounts(2).regions(List.of("us-east-1", "ap-southeast-2")).hours(6)
                .eventsPerHour(80).logFilesPerHour(6).seed(1234).threads(2);
    }

    static TrailGenerator.Builder organisationWithPause() {
        return TrailGenerator.builder().accountIds(List.of("111122223333", "444455556666"))
                .regions(List.of("eu-west-1", "eu-central-1")).hours(5).eventsPerHour(40).logFilesPerHour(12)
                .emptyHourPercent(20).organizationId("o-abcdef1234").loggingPause(2, 1)
                .start(Instant.parse("2026-03-01T10:17:00Z")).seed(7).threads(1);
    }

    @Test
    void plainTrailKeepsItsBytes(@TempDir Path out) throws IOException {
        plain().build().writeTo(out);
        assertEquals(PLAIN_HASH, treeHash(out));
    }

    @Test
    void organisationTrailWithPauseKeepsItsBytes(@TempDir Path out) throws IOException {
        organisationWithPause().build().writeTo(out);
        assertEquals(ORG_HASH, treeHash(out));
    }
}
