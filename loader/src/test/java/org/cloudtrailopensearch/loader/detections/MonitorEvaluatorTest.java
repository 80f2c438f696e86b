package org.cloudtrailopensearch.loader.detections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.junit.jupiter.api.Test;

/** The node-independent parts of {@link MonitorEvaluator}: period, mustache substitution, condition rewrite. */
class MonitorEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant END = Instant.parse("2026-01-05T10:15:00Z");

    @Test
    void periodEndAndStartBecomeEpochMillis() {
        String rendered = MonitorEvaluator.renderQuery(
                "{\"gt\":\"{{period_end}}||-15m\",\"from\":\"{{ period_start }}\",\"lte\":\"{{period_end}}\"}",
                END.minus(Duration.ofMinutes(15)), END);
        assertEquals("{\"gt\":\"" + END.toEpochMilli() + "||-15m\",\"from\":\""
                + END.minus(Duration.ofMinutes(15)).toEpochMilli() + "\",\"lte\":\"" + END.toEpochMilli() + "\"}", rendered);
    }

    @Test
    void otherTemplateVariablesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> MonitorEvaluator.renderQuery("{\"q\":\"{{ctx.monitor.name}}\"}", END, END));
    }

    @Test
    void ctxBecomesAParameter() {
        assertEquals("params.ctx.results[0].hits.total.value > 0",
                MonitorEvaluator.painlessSource("ctx.results[0].hits.total.value > 0"));
        assertEquals("params.ctx.results[0].aggregations.by_user.buckets.stream().anyMatch(b -> b.doc_count >= 5)",
                MonitorEvaluator.painlessSource(
                        "ctx.results[0].aggregations.by_user.buckets.stream().anyMatch(b -> b.doc_count >= 5)"));
        assertEquals("def ctxLike = 1; params.ctx.x + foo.ctx + ctx_2",
                MonitorEvaluator.painlessSource("def ctxLike = 1; ctx.x + foo.ctx + ctx_2"));
    }

    @Test
    void intervalFollowsTheSchedule() throws Exception {
        assertEquals(Duration.ofMinutes(15),
                MonitorEvaluator.interval(JSON.readTree("{\"period\":{\"interval\":15,\"unit\":\"MINUTES\"}}")));
        assertEquals(Duration.ofHours(2),
                MonitorEvaluator.interval(JSON.readTree("{\"period\":{\"interval\":2,\"unit\":\"HOURS\"}}")));
        assertThrows(IllegalArgumentException.class,
                () -> MonitorEvaluator.interval(JSON.readTree("{\"cron\":{\"expression\":\"0 * * * *\",\"timezone\":\"UTC\"}}")));
    }

    @Test
    void everyShippedMonitorRendersToValidJson() throws Exception {
        List<DashboardAssets.Monitor> monitors = DashboardAssets.monitors();
        assertFalse(monitors.isEmpty());
        for (DashboardAssets.Monitor monitor : monitors) {
            JsonNode tree = JSON.readTree(monitor.json());
            Duration interval = MonitorEvaluator.interval(tree.path("schedule"));
            String rendered = MonitorEvaluator.renderQuery(tree.path("inputs").path(0).path("search").path("query").toString(),
                    END.minus(interval), END);
            assertFalse(rendered.contains("{{"), monitor.id());
            assertTrue(rendered.contains(END.toEpochMilli() + "||-"), monitor.id());
            JSON.readTree(rendered);
            for (JsonNode trigger : tree.path("triggers")) {
                String source = MonitorEvaluator.painlessSource(trigger.path("condition").path("script").path("source").asText());
                assertTrue(source.startsWith("params.ctx.results[0]"), monitor.id() + ": " + source);
            }
        }
    }

    @Test
    void resultReportsTriggers() {
        var result = new MonitorEvaluator.MonitorResult("m", END.minusSeconds(60), END, 3,
                List.of(new MonitorEvaluator.TriggerResult("a", "1", false), new MonitorEvaluator.TriggerResult("b", "2", true)));
        assertTrue(result.fired());
        assertTrue(result.fired("b"));
        assertFalse(result.fired("a"));
        assertThrows(IllegalArgumentException.class, () -> result.fired("c"));
    }
}
