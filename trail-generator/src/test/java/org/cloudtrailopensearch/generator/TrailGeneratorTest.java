package org.cloudtrailopensearch.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrailGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TrailGenerator generator(int threads) {
        return TrailGenerator.builder().accounts(2).regions(List.of("us-east-1", "ap-southeast-2")).hours(3)
                .eventsPerHour(60).logFilesPerHour(4).seed(99).threads(threads).build();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void sameSeedGivesTheSameBytesRegardlessOfThreads(@TempDir Path first, @TempDir Path second) throws IOException {
        generator(1).writeTo(first);
        generator(4).writeTo(second);
        List<Path> a = files(first);
        List<Path> b = files(second);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(first.relativize(a.get(i)), second.relativize(b.get(i)));
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i))), a.get(i).toString());
        }
    }

    @Test
    void recordsLookLikeCloudTrail(@TempDir Path out) throws IOException {
        GenerationSummary summary = generator(2).writeTo(out);
        Set<String> identityTypes = new HashSet<>();
        Set<String> eventNames = new HashSet<>();
        long records = 0;
        for (Path file : files(out)) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".json.gz") || file.toString().contains("CloudTrail-Digest")) {
                continue;
            }
            assertTrue(name.matches("\\d{12}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz"), name);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                for (JsonNode record : JSON.readTree(in).get("Records")) {
                    records++;
                    identityTypes.add(record.at("/userIdentity/type").asText());
                    eventNames.add(record.get("eventName").asText());
                    for (String field : List.of("eventVersion", "eventTime", "eventSource", "awsRegion", "sourceIPAddress",
                            "userAgent", "eventID", "eventType", "recipientAccountId", "eventCategory", "readOnly")) {
                        assertTrue(record.hasNonNull(field), field + " in " + record);
                    }
                }
            }
        }
        assertEquals(summary.records(), records);
        assertTrue(identityTypes.containsAll(List.of("IAMUser", "AssumedRole", "AWSService")), identityTypes.toString());
        assertTrue(eventNames.contains("ConsoleLogin"), eventNames.toString());
        JsonNode keys = JSON.readTree(out.resolve("public-keys.json").toFile());
        assertEquals(2, keys.get("PublicKeyList").size());
    }
}
