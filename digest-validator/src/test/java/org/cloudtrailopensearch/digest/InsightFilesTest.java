package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudTrail delivers Insights events to {@code CloudTrail-Insight/} beside the log files. AWS documents digest
 * files as naming the trail's log files and nowhere says they cover Insights files, so an Insights file no digest
 * names is not evidence of tampering: it is reported as not validated, never as {@code NOT_IN_ANY_DIGEST}.
 */
class InsightFilesTest {

    @TempDir
    Path trail;

    @Test
    void insightsFilesNamedByNoDigestAreNotValidatedRatherThanMissingFromADigest() throws IOException {
        GenerationSummary generated = TrailGenerator.builder().accountIds(List.of("111122223333"))
                .regions(List.of("us-east-1")).hours(6).eventsPerHour(40).logFilesPerHour(4).emptyHourPercent(0)
                .seed(7).threads(1).incident(true).build().writeTo(trail);
        List<Path> insights = TrailFixture.files(trail, "CloudTrail-Insight");
        assertEquals(generated.insightRecords(), insights.size());
        assertTrue(insights.size() > 0);

        ValidationReport report;
        try (LocalTrailSource source = new LocalTrailSource(trail)) {
            report = DigestValidator.builder()
                    .publicKeys(LocalPublicKeys.load(List.of(trail.resolve("public-keys.json"))))
                    .source(source).build().validate();
        }

        assertEquals(ValidationReport.Result.VALID, report.result(), TextReportRenderer.render(report, false));
        assertTrue(report.logFiles().stream().noneMatch(f -> f.integrity() == IntegrityStatus.NOT_IN_ANY_DIGEST),
                TextReportRenderer.render(report, false));
        for (Path insight : insights) {
            String key = TrailFixture.key(trail, insight);
            assertFalse(report.logFiles().stream().anyMatch(f -> f.key().equals(key)), key);
            assertEquals(IntegrityStatus.NOT_VALIDATED, report.integrity().statusOf(key), key);
            assertEquals(IntegrityStatus.NOT_VALIDATED, report.integrity().statusOf(insight.toString()), key);
        }
    }
}
