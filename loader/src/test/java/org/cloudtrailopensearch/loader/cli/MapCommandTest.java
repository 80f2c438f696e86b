package org.cloudtrailopensearch.loader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code map} from the outside: files and stdin in, ECS NDJSON out, rejections on stderr, exit codes. */
class MapCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-20T10:00:00Z\","
            + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"%s\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"192.0.2.10\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"carol\","
            + "\"accountId\":\"111122223333\"},\"eventID\":\"id-%s\"}";

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void mapsAGzippedRecordsFileToOneEcsDocumentPerLine() throws Exception {
        Path file = work.resolve("123_CloudTrail_us-east-1_x.json.gz");
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file))) {
            gzip.write(("{\"Records\":[" + record("CreateUser") + "," + record("DeleteUser") + "]}").getBytes(StandardCharsets.UTF_8));
        }

        int exit = run("", file.toString());

        assertEquals(0, exit, err.toString());
        List<JsonNode> documents = documents();
        assertEquals(List.of("CreateUser", "DeleteUser"), documents.stream().map(d -> d.path("event").path("action").asText()).toList());
        assertEquals("carol", documents.get(0).path("user").path("name").asText());
        assertTrue(err.toString().contains("2 mapped, 0 rejected"));
    }

    @Test
    void readsNdjsonFromStdinAndReportsRejectedLinesOnStderr() throws Exception {
        String stdin = record("GetUser") + "\n{\"hello\":\"world\"}\nnot json\n";

        int exit = run(stdin, "-");

        assertEquals(1, exit, "some records were rejected");
        assertEquals(1, documents().size());
        String errors = err.toString();
        assertTrue(errors.contains("stdin#1: NOT_CLOUDTRAIL"), errors);
        assertTrue(errors.contains("stdin#2: MALFORMED_JSON"), errors);
    }

    @Test
    void aMissingFileIsUnusableInput() throws Exception {
        int exit = run("", work.resolve("missing.json").toString());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("missing.json#0: UNREADABLE_OBJECT"), err.toString());
    }

    @Test
    void mapperOptionsAddTheEnvironmentAdminRoleAndThreatEnrichments() throws Exception {
        Path indicators = Files.writeString(work.resolve("indicators.csv"), "# feed\n192.0.2.0/24,demo-feed\n");
        Path admins = Files.writeString(work.resolve("admins.txt"), "carol\n");

        int exit = run(record("CreateUser") + "\n", "--environment", "prod", "--threat-indicators", indicators.toString(),
                "--admin-users", admins.toString(), "-");

        assertEquals(0, exit, err.toString());
        JsonNode document = documents().get(0);
        assertEquals("prod", document.path("labels").path("environment").asText());
        assertEquals("admin", document.path("user").path("roles").path(0).asText());
        JsonNode enrichment = document.path("threat").path("enrichments").path(0);
        assertEquals("192.0.2.0/24", enrichment.path("indicator").path("name").asText());
        assertEquals("demo-feed", enrichment.path("indicator").path("provider").asText());
        assertEquals("source.ip", enrichment.path("matched").path("field").asText());
        assertEquals("192.0.2.10", enrichment.path("matched").path("atomic").asText());
    }

    @Test
    void aMalformedIndicatorFileIsOneLineAndExit2() throws Exception {
        Path indicators = Files.writeString(work.resolve("bad.csv"), "192.0.2.1\n");

        int exit = run("", "--threat-indicators", indicators.toString(), "-");

        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("map: ") && err.toString().contains("bad.csv"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    private int run(String stdin, String... args) {
        MapCommand command = new MapCommand().withStreams(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    private List<JsonNode> documents() throws Exception {
        return out.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String record(String action) {
        return String.format(RECORD, action, action);
    }
}
