package org.cloudtrailopensearch.loader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.core5.http.HttpHost;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.report.SkipReason;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.validate.IntegrityCheck;
import org.cloudtrailopensearch.loader.validate.IntegrityMode;
import org.cloudtrailopensearch.loader.validate.IntegrityPolicy;
import org.cloudtrailopensearch.loader.validate.TrailValidation;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Read-once integrity: the digest chain is validated first without reading a log file; each log file is then read
 * once, judged by the hash of those bytes and mapped from them. A file altered after the chain was validated is
 * caught, because its verdict comes from the bytes loaded, not from an earlier read.
 */
class ReadOnceIntegrityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Path trail;
    private HttpServer cluster;
    private OpenSearchTransport transport;
    /** Each document the cluster received, by id. */
    private final Map<String, JsonNode> received = new ConcurrentHashMap<>();

    @BeforeEach
    void startClusterAndGenerateTrail() throws Exception {
        trail = work.resolve("trail");
        TrailGenerator.builder().accounts(1).regions(List.of("us-east-1")).hours(2).seed(5).emptyHourPercent(0)
                .build().writeTo(trail);
        cluster = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cluster.createContext("/", exchange -> {
            String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            ObjectNode answer = JSON.createObjectNode().put("took", 1).put("errors", false);
            ArrayNode items = answer.putArray("items");
            for (int i = 0; i + 1 < lines.length; i += 2) {
                String id = JSON.readTree(lines[i]).path("index").path("_id").asText();
                received.put(id, JSON.readTree(lines[i + 1]));
                items.addObject().putObject("index").put("_index", "x").put("_id", id).put("status", 201)
                        .put("result", "created");
            }
            byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        cluster.start();
        transport = ApacheHttpClient5TransportBuilder.builder(new HttpHost("http", "127.0.0.1",
                cluster.getAddress().getPort())).setMapper(new JacksonJsonpMapper()).build();
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        cluster.stop(0);
    }

    @Test
    void markGivesEveryDocumentOfAFileAlteredAfterChainValidationTheVerdictInvalid() throws Exception {
        IntegrityPolicy policy = validateChain(IntegrityMode.MARK);
        Path altered = alterOneLogFile();
        int alteredRecords = records(altered);

        // A tiny in-memory part, so the copies go through temporary files too.
        LoadReport report = load(policy, 1024);

        assertTrue(report.reconciles(), report.toText());
        assertEquals(0, report.skippedTotal());
        assertEquals(1L, report.integrity().get(IntegrityStatus.INVALID), report.toText());
        long markedInvalid = received.values().stream()
                .filter(doc -> doc.path("aws").path("cloudtrail").path("log_file").path("integrity").asText().equals("invalid"))
                .peek(doc -> assertEquals(altered.toString(), doc.path("log").path("file").path("path").asText()))
                .count();
        assertEquals(alteredRecords, markedInvalid);
        assertTrue(report.integrity().get(IntegrityStatus.VALID) > 0);
        assertTrue(report.toText().contains("Integrity of " + trail.resolve("AWSLogs") + ": INVALID"), report.toText());
    }

    @Test
    void refuseSendsNothingOfAFileAlteredAfterChainValidation() throws Exception {
        IntegrityPolicy policy = validateChain(IntegrityMode.REFUSE);
        Path altered = alterOneLogFile();
        int alteredRecords = records(altered);

        LoadReport report = load(policy, 32 << 20);

        assertTrue(report.reconciles(), report.toText());
        assertEquals(Map.of(SkipReason.INTEGRITY_INVALID, (long) alteredRecords), report.skipped(), report.toText());
        assertTrue(received.values().stream().noneMatch(doc ->
                doc.path("log").path("file").path("path").asText().equals(altered.toString())));
        assertEquals(report.read() - alteredRecords, received.size());
        assertEquals(0, report.exitCode(), "skipped files are not failures");
    }

    private IntegrityPolicy validateChain(IntegrityMode mode) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new IntegrityCheck(mode, new TrailValidation(List.of(trail.resolve("public-keys.json")), quiet))
                .run(List.of(trail.resolve("AWSLogs").toString()), null, System.out);
    }

    private LoadReport load(IntegrityPolicy policy, int copyMemoryBytes) throws Exception {
        LoadJobConfig config = LoadJobConfig.builder().deadLetterFile(work.resolve("dl.ndjson")).refreshWhenDone(false)
                .integrity(policy).integrityCopyMemoryBytes(copyMemoryBytes).mappingThreads(2).build();
        LoadReport report = new LoadJob(config, CloudTrailMapper.builder().geoIp(false).build(),
                new OpenSearchClient(transport), System.err).run(new LocalLogObjectSource(trail.resolve("AWSLogs")));
        System.out.print(report.toText());
        return report;
    }

    /** The same records with one more byte of white space: the hash no longer matches the digest. */
    private Path alterOneLogFile() throws Exception {
        Path file;
        try (Stream<Path> files = Files.walk(trail.resolve("AWSLogs"))) {
            file = files.filter(f -> f.toString().endsWith(".json.gz") && f.toString().contains("/CloudTrail/"))
                    .sorted().findFirst().orElseThrow();
        }
        byte[] content = gunzip(file);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(content);
            out.write(' ');
        }
        Files.write(file, gzipped.toByteArray());
        return file;
    }

    private static int records(Path file) throws Exception {
        return JSON.readTree(gunzip(file)).path("Records").size();
    }

    private static byte[] gunzip(Path file) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
