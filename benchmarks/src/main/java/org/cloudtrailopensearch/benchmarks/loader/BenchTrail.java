package org.cloudtrailopensearch.benchmarks.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;

/**
 * The loader benchmarks' shared arguments ({@code [work] [hours] [rounds]}) and input trail. One generator
 * configuration and one directory, so runs of different benchmarks measure the same files and generate them once.
 */
public record BenchTrail(Path work, int hours, int rounds) {

    public static BenchTrail fromArgs(String[] args) {
        return new BenchTrail(Path.of(args.length > 0 ? args[0] : "/tmp/load-bench"),
                args.length > 1 ? Integer.parseInt(args[1]) : 12,
                args.length > 2 ? Integer.parseInt(args[2]) : 3);
    }

    /** The trail under {@code work}, generated first if an earlier run has not left one there. */
    public Path trail() throws IOException {
        Path trail = work.resolve("trail");
        if (!Files.isDirectory(trail.resolve("AWSLogs"))) {
            GenerationSummary summary = TrailGenerator.builder().accounts(3).hours(hours).eventsPerHour(1000)
                    .seed(2026).build().writeTo(trail);
            System.out.println("generated " + summary);
        }
        return trail;
    }
}
