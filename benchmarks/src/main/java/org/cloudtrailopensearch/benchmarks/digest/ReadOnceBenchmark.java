package org.cloudtrailopensearch.benchmarks.digest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.digest.LocalPublicKeys;
import org.cloudtrailopensearch.digest.LocalTrailSource;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.digest.ValidationReport;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;

/**
 * What read-once integrity costs: full validation (digests + every log read and hashed) against chain-only
 * validation (digests only), and {@link LogFileHash#of} per stream against its ceilings on the same data:
 * SHA-256 alone over the uncompressed bytes already in memory, and JDK gunzip + SHA-256.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.cloudtrailopensearch.benchmarks.digest.ReadOnceBenchmark \
 *     /tmp/read-once-bench [threads] [rounds]
 * </pre>
 * Generates a trail of about 200 MB uncompressed into the folder first when it holds none. The hash
 * measurements run on one thread: it is the cost a loader worker pays per object while it reads it.
 */
public final class ReadOnceBenchmark {

    private ReadOnceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path trail = Path.of(args.length > 0 ? args[0] : "/tmp/read-once-bench");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!Files.isDirectory(trail.resolve("AWSLogs"))) {
            long started = System.nanoTime();
            GenerationSummary summary = TrailGenerator.builder()
                    .accounts(1).regions(List.of("us-east-1", "eu-west-1")).hours(24)
                    .eventsPerHour(3600).seed(2026).build().writeTo(trail);
            System.out.printf("generated in %.0f s: %s%n", (System.nanoTime() - started) / 1e9, summary);
        }
        List<Path> logs = logFiles(trail);
        List<byte[]> stored = new ArrayList<>();
        List<byte[]> uncompressed = new ArrayList<>();
        long storedBytes = 0;
        long uncompressedBytes = 0;
        for (Path log : logs) {
            byte[] bytes = Files.readAllBytes(log);
            stored.add(bytes);
            storedBytes += bytes.length;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                byte[] content = in.readAllBytes();
                uncompressed.add(content);
                uncompressedBytes += content.length;
            }
        }
        System.out.printf("%d log files, %.1f MB uncompressed, %.1f MB stored; %d threads, %d rounds, %s, %d cores%n",
                logs.size(), uncompressedBytes / 1e6, storedBytes / 1e6, threads, rounds,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        System.out.println("warm-up ...");
        ValidationReport full = validate(trail, threads, true);
        ValidationReport chainOnly = validate(trail, threads, false);
        long hashed = logFileHashes(stored);
        if (full.result() != ValidationReport.Result.VALID || chainOnly.result() != ValidationReport.Result.VALID
                || full.summary().uncompressedBytesHashed() != uncompressedBytes || hashed != uncompressedBytes) {
            throw new IllegalStateException("runs disagree: " + full.result() + "/" + chainOnly.result() + ", "
                    + full.summary().uncompressedBytesHashed() + "/" + hashed + " vs " + uncompressedBytes + " bytes");
        }
        sha256Only(uncompressed);
        jdkGunzipAndSha256(stored);

        List<double[]> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            validate(trail, threads, true);
            double fullSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            validate(trail, threads, false);
            double chainSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            sha256Only(uncompressed);
            double sha256Mbs = uncompressedBytes / 1e6 / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            jdkGunzipAndSha256(stored);
            double jdkMbs = uncompressedBytes / 1e6 / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            logFileHashes(stored);
            double hashMbs = uncompressedBytes / 1e6 / ((System.nanoTime() - start) / 1e9);
            System.out.printf("round %d: full validation %.2f s, chain-only %.3f s (%.1f %%); one thread: "
                            + "SHA-256 only %.1f MB/s, JDK gunzip + SHA-256 %.1f MB/s, LogFileHash.of %.1f MB/s "
                            + "(%.0f %% of SHA-256 only, %.0f %% of JDK gunzip + SHA-256)%n",
                    round, fullSeconds, chainSeconds, 100 * chainSeconds / fullSeconds, sha256Mbs, jdkMbs, hashMbs,
                    100 * hashMbs / sha256Mbs, 100 * hashMbs / jdkMbs);
            results.add(new double[] {fullSeconds, chainSeconds, sha256Mbs, jdkMbs, hashMbs});
        }
        System.out.printf("median: full validation %.2f s, chain-only %.3f s; SHA-256 only %.1f MB/s, "
                        + "JDK gunzip + SHA-256 %.1f MB/s, LogFileHash.of %.1f MB/s%n",
                median(results, 0), median(results, 1), median(results, 2), median(results, 3), median(results, 4));
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static ValidationReport validate(Path trail, int threads, boolean hashLogFiles) throws IOException {
        try (LocalTrailSource source = new LocalTrailSource(trail)) {
            return DigestValidator.builder()
                    .source(source)
                    .publicKeys(LocalPublicKeys.load(List.of(trail.resolve("public-keys.json"))))
                    .threads(threads)
                    .hashLogFiles(hashLogFiles)
                    .build()
                    .validate();
        }
    }

    private static List<Path> logFiles(Path trail) throws IOException {
        try (Stream<Path> walk = Files.walk(trail.resolve("AWSLogs"))) {
            return walk.filter(p -> p.toString().contains("/CloudTrail/") && p.toString().endsWith(".json.gz"))
                    .sorted().toList();
        }
    }

    private static long logFileHashes(List<byte[]> stored) throws IOException {
        long total = 0;
        for (byte[] bytes : stored) {
            LogFileHash hash = LogFileHash.of(new ByteArrayInputStream(bytes));
            if (hash.problem() != null) {
                throw new IllegalStateException(hash.problem());
            }
            total += hash.uncompressedBytes();
        }
        return total;
    }

    /** The ceiling: SHA-256 over the uncompressed bytes, nothing else. */
    private static void sha256Only(List<byte[]> uncompressed) throws NoSuchAlgorithmException {
        for (byte[] content : uncompressed) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(content);
            sha256.digest();
        }
    }

    /** Plain JDK gunzip (lenient: concatenates members) + SHA-256, 64 KiB buffers. */
    private static void jdkGunzipAndSha256(List<byte[]> stored) throws IOException, NoSuchAlgorithmException {
        byte[] buffer = new byte[64 * 1024];
        for (byte[] bytes : stored) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 64 * 1024)) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    sha256.update(buffer, 0, read);
                }
            }
            sha256.digest();
        }
    }
}
