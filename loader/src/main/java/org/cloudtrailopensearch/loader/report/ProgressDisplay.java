package org.cloudtrailopensearch.loader.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cloudtrailopensearch.loader.concurrent.DaemonThreads;

/**
 * Shows how a load goes while it runs, from its {@link LoadCounters}: a live bar on a terminal (objects, records,
 * records/s, and an ETA from the stored bytes of the objects done out of those listed), or, when the output is not
 * a terminal (a log file, CI), a plain line every interval. Both go to stderr, so stdout keeps only the report.
 */
public abstract class ProgressDisplay implements AutoCloseable {

    /** Nothing shown (tests, {@code demo}). */
    public static ProgressDisplay none() {
        return new ProgressDisplay() {
            @Override
            public void close() {
            }
        };
    }

    /** A bar when {@code terminal}, else a line on {@code log} every {@code interval}. */
    public static ProgressDisplay start(LoadCounters counters, boolean terminal, Duration interval, PrintStream log) {
        return terminal ? new Bar(counters) : new Lines(counters, interval, log);
    }

    @Override
    public abstract void close();

    static String line(LoadCounters.Progress now, double seconds) {
        double rate = seconds <= 0 ? 0 : now.read() / seconds;
        String eta = "";
        if (now.bytesDone() > 0 && now.bytesListed() > now.bytesDone()) {
            long remaining = (long) (seconds * (now.bytesListed() - now.bytesDone()) / now.bytesDone());
            eta = ", ETA " + Duration.ofSeconds(remaining).toString().substring(2).toLowerCase(Locale.ROOT);
        }
        return String.format(Locale.ROOT, "load: %d/%d objects, %d records read (%.0f/s), %d indexed, %d dead-lettered, "
                        + "%d skipped, %.0f%% of %.1f MB%s",
                now.objectsDone(), now.objectsListed(), now.read(), rate, now.indexed(), now.deadLettered(),
                now.skipped(), now.bytesListed() == 0 ? 0 : 100.0 * now.bytesDone() / now.bytesListed(),
                now.bytesListed() / 1e6, eta);
    }

    /** A plain line every interval. */
    private static final class Lines extends ProgressDisplay {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("load-progress"));

        Lines(LoadCounters counters, Duration interval, PrintStream log) {
            long started = System.nanoTime();
            long period = Math.max(1, interval.toMillis());
            timer.scheduleAtFixedRate(() -> log.println(line(counters.progress(), (System.nanoTime() - started) / 1e9)),
                    period, period, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** The live bar: progress in stored MB (what the ETA rests on), objects and records beside it. */
    private static final class Bar extends ProgressDisplay {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("load-progress"));
        private final ProgressBar bar;

        Bar(LoadCounters counters) {
            bar = new ProgressBarBuilder().setTaskName("Loading").setInitialMax(1).setUnit(" MB", 1_000_000)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
            long started = System.nanoTime();
            timer.scheduleAtFixedRate(() -> {
                LoadCounters.Progress now = counters.progress();
                double seconds = (System.nanoTime() - started) / 1e9;
                bar.maxHint(Math.max(1, now.bytesListed()));
                bar.stepTo(now.bytesDone());
                bar.setExtraMessage(String.format(Locale.ROOT, "%d/%d objects, %d records, %.0f records/s",
                        now.objectsDone(), now.objectsListed(), now.read(), seconds <= 0 ? 0 : now.read() / seconds));
            }, 200, 500, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
            bar.close();
        }
    }
}
