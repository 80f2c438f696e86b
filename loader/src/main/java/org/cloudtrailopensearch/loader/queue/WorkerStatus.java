package org.cloudtrailopensearch.loader.queue;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.cloudtrailopensearch.loader.report.LoadCounters;
import org.cloudtrailopensearch.loader.report.SummaryJson;

/**
 * One look at a worker: its messages, the load's objects and records, the rate and the lag, as a log line and as
 * the JSON status file (written atomically, so a health check never reads half of it).
 *
 * @param state    {@code running}, {@code stopping} or {@code stopped}
 * @param lag      the age of the oldest message in work (from its {@code SentTimestamp}), else of the last received
 * @param inFlight messages received and not yet deleted or released
 */
public record WorkerStatus(String queueUrl, String state, Instant at, Duration running, QueueCounters.Snapshot messages,
        long inFlight, LoadCounters.Progress load, Duration lag) {

    public double recordsPerSecond() {
        double seconds = running.toMillis() / 1000.0;
        return seconds <= 0 ? 0 : load.read() / seconds;
    }

    public String line() {
        return String.format(Locale.ROOT, "worker: %s; messages %d received (%d redelivered), %d deleted, "
                        + "%d released, %d ignored, %d unparseable, %d in flight; objects %d, %d done; records %d read "
                        + "(%.0f/s), %d indexed, %d dead-lettered, %d skipped; lag %ds",
                state, messages.received(), messages.redelivered(), messages.deleted(), messages.released(),
                messages.ignored(), messages.unparseable(), inFlight, messages.objects(), load.objectsDone(), load.read(),
                recordsPerSecond(), load.indexed(), load.deadLettered(), load.skipped(), lag.toSeconds());
    }

    public void write(Path file) throws IOException {
        SummaryJson.writeAtomically(file, this::write);
    }

    private void write(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("queue_url", queueUrl);
        json.writeStringField("state", state);
        json.writeStringField("updated", at.toString());
        json.writeNumberField("running_seconds", running.toMillis() / 1000.0);
        json.writeObjectFieldStart("messages");
        json.writeNumberField("received", messages.received());
        json.writeNumberField("redelivered", messages.redelivered());
        json.writeNumberField("deleted", messages.deleted());
        json.writeNumberField("released", messages.released());
        json.writeNumberField("ignored", messages.ignored());
        json.writeNumberField("unparseable", messages.unparseable());
        json.writeNumberField("in_flight", inFlight);
        SummaryJson.counts(json, "ignored_events_by_reason", messages.ignoredByReason());
        json.writeEndObject();
        json.writeObjectFieldStart("objects");
        json.writeNumberField("notified", messages.objects());
        json.writeNumberField("taken", load.objectsListed());
        json.writeNumberField("done", load.objectsDone());
        json.writeEndObject();
        json.writeObjectFieldStart("records");
        json.writeNumberField("read", load.read());
        json.writeNumberField("indexed", load.indexed());
        json.writeNumberField("dead_lettered", load.deadLettered());
        json.writeNumberField("skipped", load.skipped());
        json.writeEndObject();
        json.writeNumberField("records_per_second", Math.round(recordsPerSecond() * 10) / 10.0);
        json.writeNumberField("lag_seconds", lag.toSeconds());
        json.writeEndObject();
    }
}
