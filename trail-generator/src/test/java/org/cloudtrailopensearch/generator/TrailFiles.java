package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a generated trail back in tests. */
final class TrailFiles {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One record and the log file (key relative to the output folder) it was read from. */
    record LoggedRecord(String logFile, JsonNode record) {
    }

    private TrailFiles() {
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static boolean isLogFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json.gz") && !name.contains("CloudTrail-Digest") && !name.contains("CloudTrail-Insight");
    }

    static boolean isInsightFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json.gz") && name.contains("_CloudTrail-Insight_");
    }

    static boolean isDigestFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json.gz") && name.contains("CloudTrail-Digest");
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static List<LoggedRecord> records(Path root) throws IOException {
        List<LoggedRecord> records = new ArrayList<>();
        for (Path file : files(root)) {
            if (isLogFile(file)) {
                String key = root.relativize(file).toString().replace('\\', '/');
                for (JsonNode record : JSON.readTree(gunzip(file)).get("Records")) {
                    records.add(new LoggedRecord(key, record));
                }
            }
        }
        return records;
    }
}
