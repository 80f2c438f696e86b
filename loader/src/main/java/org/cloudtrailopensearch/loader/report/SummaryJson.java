package org.cloudtrailopensearch.loader.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one JSON object, for machines (a scheduler, a dashboard of runs): every count of the run. Written
 * to a temporary file beside the target and moved over it, so a reader never sees half a summary.
 */
public final class SummaryJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SummaryJson() {
    }

    public static void write(LoadReport report, Path file) throws IOException {
        writeAtomically(file, json -> write(report, json));
    }

    /** Writes one JSON document with {@code body}, pretty-printed, to a temporary file and moves it over {@code file}. */
    public static void writeAtomically(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary); JsonGenerator json = JSON.createGenerator(out)) {
                json.useDefaultPrettyPrinter();
                body.write(json);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes the content of one JSON document. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static void write(LoadReport report, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("source", report.run().source());
        json.writeNumberField("exit_code", report.exitCode());
        json.writeBooleanField("counts_reconcile", report.reconciles());
        json.writeStringField("stopped_because", report.stoppedBecause());
        json.writeNumberField("duration_seconds", report.elapsed().toMillis() / 1000.0);
        json.writeNumberField("records_per_second", Math.round(report.recordsPerSecond() * 10) / 10.0);
        json.writeObjectFieldStart("objects");
        json.writeNumberField("listed", report.objectsListed());
        json.writeNumberField("loaded", report.objectsLoaded());
        json.writeNumberField("skipped", report.objectsSkippedTotal());
        counts(json, "skipped_by_reason", report.objectsSkipped());
        json.writeEndObject();
        json.writeObjectFieldStart("records");
        json.writeNumberField("read", report.read());
        json.writeNumberField("indexed", report.indexed());
        json.writeNumberField("indexed_new", report.indexedCreated());
        json.writeNumberField("indexed_replaced", report.indexedUpdated());
        json.writeNumberField("dead_lettered", report.deadLetteredTotal());
        json.writeObjectFieldStart("dead_lettered_by_stage");
        for (Map.Entry<Stage, Map<String, Long>> stage : report.deadLettered().entrySet()) {
            counts(json, stage.getKey().code(), stage.getValue());
        }
        json.writeEndObject();
        json.writeNumberField("skipped", report.skippedTotal());
        counts(json, "skipped_by_reason", report.skipped());
        json.writeEndObject();
        json.writeObjectFieldStart("integrity");
        Map<String, Long> verdicts = new java.util.TreeMap<>();
        report.integrity().forEach((status, count) -> verdicts.put(status.name().toLowerCase(Locale.ROOT), count));
        counts(json, "log_files_by_verdict", verdicts);
        json.writeArrayFieldStart("chains");
        for (ChainResult chain : report.run().chains()) {
            json.writeStartObject();
            json.writeStringField("source", chain.source());
            json.writeStringField("result", chain.result());
            json.writeNumberField("digests_valid", chain.digestsValid());
            json.writeNumberField("digests_total", chain.digestsTotal());
            json.writeNumberField("chain_breaks", chain.chainBreaks());
            json.writeNumberField("log_files_named", chain.logFilesNamed());
            json.writeNumberField("log_files_not_found", chain.logFilesNotFound());
            json.writeNumberField("log_files_in_no_digest", chain.logFilesInNoDigest());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeStringField("dead_letter_file", report.run().deadLetterFile());
        json.writeEndObject();
    }

    /** {@code "name": {"key": count, ...}}. */
    public static void counts(JsonGenerator json, String name, Map<?, Long> counts) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<?, Long> count : counts.entrySet()) {
            json.writeNumberField(String.valueOf(count.getKey()), count.getValue());
        }
        json.writeEndObject();
    }
}
