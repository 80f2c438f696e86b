package org.cloudtrailopensearch.loader.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.loader.detections.MonitorEvaluator;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * What the shipped Alerting monitors say about the loaded data, for a node without the Alerting plugin: each
 * monitor is run for every consecutive 15-minute period of the data (its own window looking back from each
 * period end), as its schedule would, and the periods where a trigger fires are counted.
 */
final class DetectionSummary {

    private static final Duration STEP = Duration.ofMinutes(15);

    private final MonitorEvaluator evaluator;
    private final PrintStream out;

    DetectionSummary(OpenSearchClient client, PrintStream out) {
        this.evaluator = new MonitorEvaluator(client);
        this.out = out;
    }

    void print(Instant from, Instant to) throws IOException {
        boolean painless = evaluator.painlessAvailable();
        out.println();
        out.println("Detections: the monitors of dashboards-ndjson/monitors, run here on the loaded data every 15 minutes"
                + " from " + from + " to " + to + (painless ? "" : " (this node has no painless: matching events only, triggers not evaluated)") + ":");
        for (DashboardAssets.Monitor monitor : DashboardAssets.monitors()) {
            int fired = 0;
            long events = 0;
            Instant first = null;
            for (Instant end = from.plus(STEP); !end.isAfter(to.plus(STEP)); end = end.plus(STEP)) {
                long hits = evaluator.search(monitor.json(), end).hits();
                if (hits == 0) {
                    continue; // no trigger of ours fires on an empty period
                }
                events = Math.max(events, hits);
                if (painless && evaluator.evaluate(monitor.json(), end).fired()) {
                    fired++;
                    first = first == null ? end : first;
                }
            }
            String verdict = !painless ? (events > 0 ? "matching events (at most " + events + " in one period)" : "silent")
                    : fired > 0 ? "FIRES in " + fired + " period(s), first at period end " + first + " (at most " + events + " events in one period)"
                    : events > 0 ? "does not fire (at most " + events + " matching events in one period)" : "silent";
            out.printf("  %-45s %s%n", monitor.id(), verdict);
        }
    }
}
