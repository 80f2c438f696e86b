package org.cloudtrailopensearch.loader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.loader.index.IndexFailure;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.mapper.RejectionReason;
import org.junit.jupiter.api.Test;

/** The report's arithmetic, exit codes and text, and the progress lines written when there is no terminal. */
class LoadReportTest {

    @Test
    void countsThatDoNotReconcileEndTheRunWithExitCode2() {
        LoadCounters counters = new LoadCounters();
        counters.read();
        counters.read();
        counters.indexed(true);

        LoadReport report = counters.snapshot(LoadReport.Run.of("in"), Duration.ofSeconds(1));

        assertEquals(2, report.exitCode());
        assertTrue(report.toText().contains("counts reconcile (read = indexed + dead-lettered + skipped): NO"));
    }

    @Test
    void deadLettersAreCountedPerStageAndReasonAndGiveExitCode1() {
        LoadCounters counters = new LoadCounters();
        for (int i = 0; i < 5; i++) {
            counters.read();
        }
        counters.indexed(true);
        counters.indexed(false);
        counters.deadLettered(ReadFailure.Reason.TRUNCATED_GZIP);
        counters.deadLettered(RejectionReason.MALFORMED_JSON);
        counters.skipped(SkipReason.INTEGRITY_INVALID);
        counters.verdict(IntegrityStatus.VALID);
        counters.verdict(IntegrityStatus.INVALID);
        counters.objectSkipped(ObjectSkipReason.ALREADY_LOADED.name(), 10);

        LoadReport report = counters.snapshot(new LoadReport.Run("in", "dl.ndjson",
                List.of(new ChainResult("in", "VALID", 2, 2, 0, 2, 0, 0)), null), Duration.ofSeconds(1));

        assertTrue(report.reconciles());
        assertEquals(1, report.exitCode());
        assertEquals(2, report.deadLetteredByReason().get("MALFORMED_JSON") + report.deadLetteredByReason().get("TRUNCATED_GZIP"));
        String text = report.toText();
        assertTrue(text.contains("dead-lettered: 2 (read: TRUNCATED_GZIP 1; map: MALFORMED_JSON 1)"), text);
        assertTrue(text.contains("skipped (ALREADY_LOADED 1)"), text);
        assertTrue(text.contains("Integrity of in: INVALID - 2/2 digests valid, 1/2 log files valid, 1 invalid"), text);
        assertEquals(0, counters.deadLetteredFor(IndexFailure.REQUEST_FAILED));
    }

    @Test
    void withoutATerminalProgressIsAPlainLineEveryInterval() throws Exception {
        LoadCounters counters = new LoadCounters();
        counters.listed(2_000_000);
        counters.listed(2_000_000);
        counters.objectLoaded(2_000_000);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        try (ProgressDisplay ignored = ProgressDisplay.start(counters, false, Duration.ofMillis(50),
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            Thread.sleep(400);
        }

        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.lines().count() >= 2, lines);
        assertTrue(lines.startsWith("load: 1/2 objects, 0 records read"), lines);
        assertTrue(lines.contains("50% of 4.0 MB, ETA"), lines);
    }

    @Test
    void objectsPassedOverWhileListingAreNotCountedAsDoneOutOfTheListed() {
        LoadCounters counters = new LoadCounters();
        counters.listed(1_000);
        counters.listed(1_000);
        counters.objectPassedOver("SIGNATURE_SIDECAR");
        counters.objectPassedOver("PUBLIC_KEYS_FILE");
        counters.objectSkipped(ObjectSkipReason.ALREADY_LOADED.name(), 1_000);

        LoadCounters.Progress progress = counters.progress();

        assertEquals(2, progress.objectsListed());
        assertEquals(1, progress.objectsDone());
    }
}
