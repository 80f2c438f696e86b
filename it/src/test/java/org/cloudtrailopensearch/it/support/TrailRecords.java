package org.cloudtrailopensearch.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Every record of a generated trail's log files, read with plain Jackson: the ground truth that tests compare
 * what OpenSearch returns with, computed without the mapper or the loader.
 */
public final class TrailRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> records;

    private TrailRecords(List<JsonNode> records) {
        this.records = List.copyOf(records);
    }

    /** Reads the log files (not the digests) below {@code trail}. */
    public static TrailRecords read(Path trail) {
        List<JsonNode> records = new ArrayList<>();
        readByFile(trail).values().forEach(records::addAll);
        return new TrailRecords(records);
    }

    /** The records of each log file below {@code trail}, in path order. */
    public static Map<Path, List<JsonNode>> readByFile(Path trail) {
        return readByFile(trail, "/CloudTrail/");
    }

    /**
     * The CloudTrail Insights records below {@code trail} (files in {@code CloudTrail-Insight/} folders): not API
     * calls, so not in {@link #read(Path)}.
     */
    public static TrailRecords readInsights(Path trail) {
        List<JsonNode> records = new ArrayList<>();
        readByFile(trail, "/CloudTrail-Insight/").values().forEach(records::addAll);
        return new TrailRecords(records);
    }

    private static Map<Path, List<JsonNode>> readByFile(Path trail, String folder) {
        Map<Path, List<JsonNode>> byFile = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(trail)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json.gz") && f.toString().contains(folder)).sorted().toList()) {
                List<JsonNode> records = new ArrayList<>();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    JSON.readTree(in).path("Records").forEach(records::add);
                }
                byFile.put(file, records);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byFile;
    }

    public List<JsonNode> all() {
        return records;
    }

    public long count(Predicate<JsonNode> predicate) {
        return records.stream().filter(predicate).count();
    }

    public static String text(JsonNode record, String... path) {
        JsonNode node = record;
        for (String name : path) {
            node = node.path(name);
        }
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    public static boolean isEvent(JsonNode record, String eventName) {
        return eventName.equals(record.path("eventName").asText());
    }
}
