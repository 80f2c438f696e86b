package org.cloudtrailopensearch.benchmarks.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.digest.LocalPublicKeys;
import org.cloudtrailopensearch.digest.LocalTrailSource;
import org.cloudtrailopensearch.digest.ValidationReport;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;

/**
 * Validation throughput (MB/s of uncompressed log data) on a local trail, next to its ceiling measured in the
 * same JVM: plain {@link GZIPInputStream} + SHA-256 over the same log files with the same number of threads.
 * The two alternate for several rounds after a warm-up, so both see a warm page cache and JIT.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.cloudtrailopensearch.benchmarks.digest.DigestValidationBenchmark \
 *     /tmp/digest-bench [threads] [rounds]
 * </pre>
 * Generates a trail of about 1.2 GB uncompressed into the folder first when it holds none.
 */
public final class DigestValidationBenchmark {

    private DigestValidationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path trail = Path.of(args.length > 0 ? args[0] : "/tmp/digest-bench");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!Files.isDirectory(trail.resolve("AWSLogs"))) {
            long started = System.nanoTime();
            GenerationSummary summary = TrailGenerator.builder()
                    .accounts(3).regions(List.of("us-east-1", "eu-west-1", "ap-southeast-2")).hours(24)
                    .eventsPerHour(5000).seed(2026).build().writeTo(trail);
            System.out.printf("generated in %.0f s: %s%n", (System.nanoTime() - started) / 1e9, summary);
        }
        List<Path> logs = logFiles(trail);
        System.out.printf("%d log files, %d threads, %d rounds, %s, %d cores%n", logs.size(), threads, rounds,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        System.out.println("warm-up ...");
        long ceilingBytes = ceiling(logs, threads);
        ValidationReport warm = validate(trail, threads);
        if (warm.result() != ValidationReport.Result.VALID || warm.summary().uncompressedBytesHashed() != ceilingBytes) {
            throw new IllegalStateException("validator and ceiling disagree: " + warm.result() + ", "
                    + warm.summary().uncompressedBytesHashed() + " vs " + ceilingBytes + " bytes");
        }
        double bestCeiling = 0;
        double bestValidator = 0;
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long bytes = ceiling(logs, threads);
            double ceilingMbs = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            ValidationReport report = validate(trail, threads);
            double validatorMbs = report.summary().uncompressedBytesHashed() / 1e6 / ((System.nanoTime() - start) / 1e9);
            System.out.printf("round %d: ceiling %.1f MB/s, validator %.1f MB/s (%d digests, %d logs, %.1f MB), ratio %.0f%%%n",
                    round, ceilingMbs, validatorMbs, report.summary().digestsValid(), report.summary().logFilesValid(),
                    bytes / 1e6, 100 * validatorMbs / ceilingMbs);
            ratios.add(validatorMbs / ceilingMbs);
            bestCeiling = Math.max(bestCeiling, ceilingMbs);
            bestValidator = Math.max(bestValidator, validatorMbs);
        }
        ratios.sort(null);
        // Each round pairs the two measurements closely in time, so the median per-round ratio is the figure
        // least disturbed by other load on a shared machine.
        System.out.printf("best: ceiling %.1f MB/s, validator %.1f MB/s, ratio of bests %.0f%%, median round ratio %.0f%%%n",
                bestCeiling, bestValidator, 100 * bestValidator / bestCeiling, 100 * ratios.get(ratios.size() / 2));
    }

    private static ValidationReport validate(Path trail, int threads) throws IOException {
        try (LocalTrailSource source = new LocalTrailSource(trail)) {
            return DigestValidator.builder()
                    .source(source)
                    .publicKeys(LocalPublicKeys.load(List.of(trail.resolve("public-keys.json"))))
                    .threads(threads)
                    .build()
                    .validate();
        }
    }

    private static List<Path> logFiles(Path trail) throws IOException {
        try (Stream<Path> walk = Files.walk(trail.resolve("AWSLogs"))) {
            return walk.filter(p -> p.toString().contains("/CloudTrail/") && p.toString().endsWith(".json.gz")).toList();
        }
    }

    /** The ceiling: gunzip + SHA-256 of every log file, nothing else, on {@code threads} threads. */
    private static long ceiling(List<Path> logs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> sizes = new ArrayList<>();
            for (Path log : logs) {
                sizes.add(pool.submit(() -> gunzipAndHash(log)));
            }
            long total = 0;
            for (Future<Long> size : sizes) {
                total += size.get();
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static long gunzipAndHash(Path log) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(log), 64 * 1024)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, read);
                total += read;
            }
        }
        sha256.digest();
        return total;
    }
}
