package org.cloudtrailopensearch.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cloudtrailopensearch.mapper.rules.RequestFields;
import org.junit.jupiter.api.Test;

/**
 * Field-by-field agreement with Elastic's published pipeline fixtures ({@code ../shared/conformance/elastic-cloudtrail}).
 * Comparison rules follow that folder's README: tags are test configuration (not compared), blank input lines
 * are not records (skipped), geo is compared at country level (the fixtures use MaxMind's test databases),
 * {@code related.*} and entity arrays as sets, dynamic fields loosely. Every field of every expected document is
 * compared, and the disagreements must be exactly the known differences listed in the appendix of
 * {@code mapper/CONFORMANCE.md} (each explained there): a new one fails, and so does a listed one that no longer
 * occurs, so the list stays true. The overall agreement is printed, and must be the figure CONFORMANCE.md states.
 */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIXTURE_CREATED = Instant.parse("2021-11-11T01:02:03.123456789Z");
    private static final Pattern USER_AGENT_VERSION = Pattern.compile("^\\d+\\.\\d+(\\.|\\..*)?$");
    private static final List<String> GEO_COMPARED = List.of("source.geo.country_iso_code", "source.geo.country_name",
            "source.geo.continent_name");

    /** The appendix of CONFORMANCE.md: its heading, then one disagreement per line in a code block. */
    private static final Pattern APPENDIX = Pattern.compile(
            "## Appendix: the (\\d+) disagreeing values[^\\n]*\\n.*?```\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern RESULT = Pattern.compile(
            "\\*\\*Result: ([\\d,]+) of ([\\d,]+) expected field values agree — ([\\d.]+)%\\.\\*\\*");

    @Test
    void disagreementsAreExactlyTheKnownDifferences() throws IOException {
        Path dir = locateConformanceDirectory();
        assumeTrue(dir != null, "SKIPPED: ../shared/conformance/elastic-cloudtrail not found above "
                + Path.of("").toAbsolutePath() + "; conformance not measured");

        Map<PayloadRetention, CloudTrailMapper> mappers = new HashMap<>();
        int totalCompared = 0;
        int totalAgreeing = 0;
        StringBuilder table = new StringBuilder(String.format("%-48s %8s %8s %7s%n", "case", "compared", "agreeing", "%"));
        List<String> disagreements = new ArrayList<>();
        Set<String> additions = listedAdditions();
        Map<String, Integer> additionsEmitted = new TreeMap<>();
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        for (Path input : inputs) {
            String name = input.getFileName().toString();
            Path expectedFile = dir.resolve(name + "-expected.json");
            if (!Files.exists(expectedFile)) {
                continue;
            }
            PayloadRetention retention = retentionOf(dir.resolve(name + "-config.yml"));
            CloudTrailMapper mapper = mappers.computeIfAbsent(retention, r -> CloudTrailMapper.builder()
                    .clock(Clock.fixed(FIXTURE_CREATED, ZoneOffset.UTC)).payloadRetention(r).build());
            List<String> lines = new ArrayList<>(List.of(Files.readString(input, StandardCharsets.UTF_8).split("\n", -1)));
            JsonNode expectedDocs = JSON.readTree(expectedFile.toFile()).get("expected");
            int compared = 0;
            int agreeing = 0;
            for (int i = 0; i < expectedDocs.size(); i++) {
                String line = i < lines.size() ? lines.get(i) : "";
                if (line.isBlank()) {
                    continue; // README caveat 3/4: a blank line is not a record
                }
                MappingResult result = mapper.map(line.getBytes(StandardCharsets.UTF_8));
                JsonNode actual = result instanceof MappingResult.Mapped mapped ? mapped.document() : JSON.createObjectNode();
                if (result instanceof MappingResult.Rejected rejected) {
                    disagreements.add(name + "#" + i + " REJECTED " + rejected);
                }
                Map<String, JsonNode> expectedLeaves = leaves(expectedDocs.get(i));
                Map<String, JsonNode> actualLeaves = leaves(actual);
                for (String path : actualLeaves.keySet()) {
                    if (!expectedLeaves.containsKey(path) && additions.contains(path)) {
                        additionsEmitted.merge(path, 1, Integer::sum); // not compared: our own fields
                    }
                }
                for (Map.Entry<String, JsonNode> leaf : expectedLeaves.entrySet()) {
                    String path = leaf.getKey();
                    if (!isCompared(path)) {
                        continue;
                    }
                    compared++;
                    JsonNode mine = actualLeaves.get(path);
                    if (agree(path, leaf.getValue(), mine)) {
                        agreeing++;
                    } else {
                        disagreements.add(name + "#" + i + " " + path + ": expected " + abbreviate(leaf.getValue())
                                + " got " + abbreviate(mine));
                    }
                }
            }
            totalCompared += compared;
            totalAgreeing += agreeing;
            table.append(String.format("%-48s %8d %8d %6.1f%%%n", name, compared, agreeing, percent(agreeing, compared)));
        }
        double overall = percent(totalAgreeing, totalCompared);
        table.append(String.format("%-48s %8d %8d %6.1f%%%n", "OVERALL", totalCompared, totalAgreeing, overall));
        System.out.println("Conformance with Elastic's CloudTrail fixtures (" + dir + ")");
        System.out.print(table);
        System.out.printf(Locale.ROOT, "Agreement: %d of %d expected field values, %.1f%% (information; the test checks each"
                + " disagreement against CONFORMANCE.md)%n", totalAgreeing, totalCompared, overall);
        System.out.println("Disagreements (" + disagreements.size() + "), each must be listed in mapper/CONFORMANCE.md:");
        disagreements.forEach(d -> System.out.println("  " + d));
        System.out.println("Additions beyond Elastic's fields (listed in mapper/CONFORMANCE.md, not compared): "
                + additionsEmitted);
        assertTrue(totalCompared > 1000, "too few fields compared: " + totalCompared);

        String conformanceMd = Files.readString(conformanceMd(), StandardCharsets.UTF_8);
        Matcher appendix = APPENDIX.matcher(conformanceMd);
        assertTrue(appendix.find(), "CONFORMANCE.md has no appendix listing the disagreements");
        List<String> known = appendix.group(2).lines().filter(line -> !line.isBlank()).toList();
        List<String> unlisted = disagreements.stream().filter(d -> !known.contains(d)).toList();
        List<String> gone = known.stream().filter(k -> !disagreements.contains(k)).toList();
        assertEquals(List.of(), unlisted, "disagreements not listed in CONFORMANCE.md (explain each there, or fix it)");
        assertEquals(List.of(), gone, "listed in CONFORMANCE.md but no longer occurring (remove them from the list)");
        assertEquals(known.size(), Integer.parseInt(appendix.group(1)), "the appendix heading counts its lines");
        Matcher result = RESULT.matcher(conformanceMd);
        assertTrue(result.find(), "CONFORMANCE.md states no result");
        assertEquals(List.of(totalAgreeing, totalCompared, String.format(Locale.ROOT, "%.1f", overall)),
                List.of(Integer.parseInt(result.group(1).replace(",", "")), Integer.parseInt(result.group(2).replace(",", "")),
                        result.group(3)), "the result CONFORMANCE.md states (agreeing, compared, %)");
    }

    private static Path conformanceMd() {
        Path doc = MapperTestSupport.findAbove("mapper/CONFORMANCE.md");
        return doc != null ? doc : Path.of("CONFORMANCE.md");
    }

    /**
     * The fields the mapper adds beyond Elastic's (request-parameter fields, labels.environment, threat.enrichments):
     * none of them exists in any fixture, so they are never compared; each must be listed in CONFORMANCE.md.
     */
    @Test
    void everyAdditionIsListedInConformanceMd() throws IOException {
        Path doc = conformanceMd();
        assumeTrue(Files.exists(doc), "SKIPPED: CONFORMANCE.md not in " + Path.of("").toAbsolutePath());
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        List<String> unlisted = listedAdditions().stream().filter(field -> !text.contains("`" + field + "`")).toList();
        assertEquals(List.of(), unlisted, "additions missing from CONFORMANCE.md");
    }

    /** Every field the mapper writes that Elastic's integration does not: leaf paths as {@link #leaves} names them. */
    static Set<String> listedAdditions() {
        Set<String> additions = new TreeSet<>();
        new RequestFields().allFields().forEach(field -> additions.add(field.name()));
        additions.add("labels.environment");
        for (String leaf : List.of("state", "insight_type", "error_code")) {
            additions.add("aws.cloudtrail.insight_details." + leaf);
        }
        for (String leaf : List.of("indicator.type", "indicator.name", "indicator.provider", "matched.atomic",
                "matched.field", "matched.type")) {
            additions.add("threat.enrichments." + leaf);
        }
        return additions;
    }

    @Test
    void comparisonRulesTreatRelatedAsSets() throws IOException {
        assertTrue(agree("related.user", JSON.readTree("[\"a\",\"b\"]"), JSON.readTree("[\"b\",\"a\"]")));
        assertTrue(agree("aws.cloudtrail.read_only", JSON.readTree("true"), JSON.readTree("\"true\"")));
        assertEquals(false, agree("event.type", JSON.readTree("[\"a\",\"b\"]"), JSON.readTree("[\"b\",\"a\"]")));
    }

    private static boolean isCompared(String path) {
        if (path.equals("tags") || path.equals("event.ingested")) {
            return false; // test configuration / set by the indexing node, not by the mapping
        }
        return !path.startsWith("source.geo.") || GEO_COMPARED.contains(path);
    }

    private static boolean agree(String path, JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (path.equals("user_agent.version")) {
            return USER_AGENT_VERSION.matcher(actual.asText()).matches()
                    && expected.asText().startsWith(actual.asText().replaceAll("\\.$", ""));
        }
        if (expected.isArray() && actual.isArray() && isSetValued(path)) {
            return texts(expected).equals(texts(actual));
        }
        if (expected.isValueNode() && actual.isValueNode()) {
            return expected.asText().equals(actual.asText());
        }
        return expected.equals(actual);
    }

    private static boolean isSetValued(String path) {
        return path.startsWith("related.") || path.endsWith("entity.id") || path.endsWith("target.id")
                || path.startsWith("entity.");
    }

    private static TreeSet<String> texts(JsonNode array) {
        TreeSet<String> values = new TreeSet<>();
        array.forEach(element -> values.add(element.toString()));
        return values;
    }

    /** Scalars and arrays keyed by dotted path (arrays are compared whole). */
    static Map<String, JsonNode> leaves(JsonNode doc) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        collect("", doc, leaves);
        return leaves;
    }

    private static void collect(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field ->
                    collect(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into));
        } else {
            into.put(prefix, node);
        }
    }

    static PayloadRetention retentionOf(Path config) throws IOException {
        if (!Files.exists(config)) {
            return PayloadRetention.ALL;
        }
        for (String line : Files.readAllLines(config)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("retain:")) {
                return PayloadRetention.valueOf(trimmed.substring(7).trim().toUpperCase(Locale.ROOT));
            }
        }
        return PayloadRetention.ALL;
    }

    /** The repository's sibling {@code shared/conformance} fixtures, found from the working directory up. */
    static Path locateConformanceDirectory() {
        Path dir = MapperTestSupport.findAbove("shared/conformance/elastic-cloudtrail");
        return dir != null && Files.isDirectory(dir) ? dir : null;
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }

    private static String abbreviate(JsonNode node) {
        if (node == null) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

}
