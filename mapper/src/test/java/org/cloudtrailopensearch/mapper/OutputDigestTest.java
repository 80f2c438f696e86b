package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.CREATED;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Byte identity of the mapper's output: every record of the conformance fixtures and of the case files is mapped
 * through each product path ({@code map} bytes and tree, {@code mapTo}, {@code encode} with a context) with a fixed
 * clock, and the SHA-256 of each output is compared with {@code src/test/resources/output-digests.tsv}. A refactoring
 * must leave that file unchanged; a deliberate change to the output is made by re-recording it
 * ({@code -Dmapper.recordOutputDigests=true}) and listing the change where it is reviewed (CONFORMANCE.md or the
 * commit).
 */
class OutputDigestTest {

    private static final String RESOURCE = "output-digests.tsv";
    private static final RecordContext CONTEXT = RecordContext.of("s3://bucket/AWSLogs/111122223333/CloudTrail/f.json.gz")
            .withIntegrity("valid");

    @Test
    void everyProductPathWritesTheRecordedBytes() throws IOException {
        Map<String, String> actual = digests();
        Path recorded = MapperTestSupport.findAbove("mapper/src/test/resources/" + RESOURCE);
        if (Boolean.getBoolean("mapper.recordOutputDigests")) {
            Path target = recorded != null ? recorded : Path.of("src/test/resources", RESOURCE);
            List<String> lines = new ArrayList<>();
            lines.add("# input\tmap(bytes)\tmap(tree)\tencode(bytes, context)  -- SHA-256 of each output (OutputDigestTest)");
            actual.forEach((input, digest) -> lines.add(input + "\t" + digest));
            Files.write(target, lines, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(recorded != null, RESOURCE + " not found");
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(recorded, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int tab = line.indexOf('\t');
                expected.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        if (ConformanceTest.locateConformanceDirectory() == null) {
            // The public fixtures live beside the checkout (../shared); without them only the case files are compared.
            System.out.println("SKIPPED the conformance inputs of " + RESOURCE + ": ../shared/conformance not found");
            expected.keySet().removeIf(input -> input.startsWith("conformance/"));
        }
        List<String> differences = new ArrayList<>();
        expected.forEach((input, digest) -> {
            String now = actual.get(input);
            if (now == null) {
                differences.add(input + ": no longer mapped");
            } else if (!now.equals(digest)) {
                differences.add(input + ": output changed (" + describe(digest, now) + ")");
            }
        });
        actual.keySet().stream().filter(input -> !expected.containsKey(input))
                .forEach(input -> differences.add(input + ": new input, not recorded"));
        assertEquals(List.of(), differences, "outputs differing from " + RESOURCE + " (inputs: " + actual.size() + ")");
    }

    private static String describe(String before, String now) {
        String[] names = {"map(bytes)", "map(tree)", "encode"};
        String[] a = before.split("\t");
        String[] b = now.split("\t");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (i >= a.length || i >= b.length || !a[i].equals(b[i])) {
                changed.add(names[i]);
            }
        }
        return String.join(", ", changed);
    }

    /** Input name ({@code conformance/<file>#<line>} or {@code cases/<file>#<line>}) to the digests of its outputs. */
    private static Map<String, String> digests() throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        Path conformance = ConformanceTest.locateConformanceDirectory();
        if (conformance != null) {
            for (Path input : logFiles(conformance)) {
                CloudTrailMapper mapper = mapper(ConformanceTest.retentionOf(
                        conformance.resolve(input.getFileName() + "-config.yml")), null, null);
                addAll(digests, "conformance/", input, mapper);
            }
        }
        Path cases = CaseFileTest.casesDirectory();
        for (Path input : logFiles(cases)) {
            addAll(digests, "cases/", input, CaseFileTest.mapperFor(input.getFileName().toString()));
        }
        return digests;
    }

    private static CloudTrailMapper mapper(PayloadRetention retention, String environment, Path threats) {
        return CloudTrailMapper.builder().clock(Clock.fixed(CREATED, ZoneOffset.UTC)).payloadRetention(retention)
                .environment(environment).threatIndicatorsFile(threats).build();
    }

    private static List<Path> logFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    private static void addAll(Map<String, String> digests, String prefix, Path input, CloudTrailMapper mapper)
            throws IOException {
        List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                digests.put(prefix + input.getFileName() + "#" + i, digestsOf(mapper, lines.get(i)));
            }
        }
    }

    private static String digestsOf(CloudTrailMapper mapper, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        String fromBytes = sha256(output(mapper.map(bytes)));
        JsonNode tree;
        try {
            tree = JSON.readTree(line);
        } catch (IOException e) {
            tree = null;
        }
        String fromTree = tree == null ? "-" : sha256(output(mapper.map(tree)));
        String encoded = sha256(output(mapper.encode(bytes, CONTEXT)));
        // mapTo must write what map returns; a difference would show as a failure here rather than a new digest.
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        MappingResult result;
        try (JsonGenerator out = JSON.getFactory().createGenerator(streamed)) {
            result = mapper.mapTo(bytes, out);
        }
        String viaMapTo = result instanceof MappingResult.Rejected ? sha256(output(result))
                : sha256(streamed.toByteArray());
        assertEquals(fromBytes, viaMapTo, "mapTo differs from map: " + line);
        return fromBytes + "\t" + fromTree + "\t" + encoded;
    }

    private static byte[] output(MappingResult result) throws IOException {
        if (result instanceof MappingResult.Mapped mapped) {
            return JSON.writeValueAsBytes(mapped.document());
        }
        if (result instanceof MappingResult.Encoded encoded) {
            return (new String(encoded.json(), StandardCharsets.UTF_8) + "\n" + encoded.timestamp() + "\n"
                    + encoded.eventId()).getBytes(StandardCharsets.UTF_8);
        }
        MappingResult.Rejected rejected = (MappingResult.Rejected) result;
        return ("REJECTED " + rejected.reason() + ": " + rejected.message()).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
