package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.SharedFixtures;
import org.cloudtrailopensearch.loader.run.LoadJob;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.index.IndexSetup;
import org.cloudtrailopensearch.loader.source.CombinedLogObjectSource;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The index templates match the mapper's real output on a real node: every field the mapper writes, for
 * the public conformance inputs and a generated trail, is accepted and lands on a mapped field (or under a
 * flat_object), so that nothing the mapper produces is silently unsearchable under {@code dynamic: false}.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class MapperOutputFitsTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void everyFieldTheMapperWritesIsIndexedAndMapped(OpenSearchCluster cluster) throws Exception {
        TrailGenerator.builder().accounts(2).hours(3).seed(7).build().writeTo(work.resolve("trail"));
        List<LogObjectSource> sources = new ArrayList<>();
        sources.add(new LocalLogObjectSource(work.resolve("trail/AWSLogs")));
        SharedFixtures.conformanceDirectory().ifPresent(dir -> sources.addAll(conformanceInputs(dir)));

        new IndexSetup(cluster.client()).apply(System.out);
        LoadReport report = new LoadJob(LoadJobConfig.builder().deadLetterFile(work.resolve("dl.ndjson")).build(),
                CloudTrailMapper.builder().build(), cluster.client()).run(new CombinedLogObjectSource(sources));
        System.out.print(report.toText());

        assertTrue(report.reconciles(), report.toText());
        assertEquals(0, report.deadLetteredTotal(), "every record maps and indexes: " + report.toText());

        MappedFields mapped = MappedFields.of(mappings(cluster));
        Set<String> written = new TreeSet<>();
        Set<String> unmapped = new TreeSet<>();
        for (Hit<ObjectNode> hit : cluster.client().search(s -> s.index("cloudtrail").size(10_000), ObjectNode.class)
                .hits().hits()) {
            collectLeaves("", hit.source(), written);
        }
        for (String path : written) {
            if (!mapped.covers(path)) {
                unmapped.add(path);
            }
        }
        System.out.printf("[it] %d distinct field paths written by the mapper, %d of them mapped%n",
                written.size(), written.size() - unmapped.size());
        assertTrue(unmapped.isEmpty(), "fields the mapper writes but the templates do not map: " + unmapped);
    }

    private static List<LogObjectSource> conformanceInputs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted()
                    .map(f -> (LogObjectSource) new LocalLogObjectSource(f)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode mappings(OpenSearchCluster cluster) throws IOException {
        try (Response response = cluster.client().generic()
                .execute(Requests.builder().endpoint("/cloudtrail-*/_mapping").method("GET").build())) {
            return JSON.readTree(response.getBody().orElseThrow().bodyAsString());
        }
    }

    private static void collectLeaves(String prefix, JsonNode node, Set<String> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> collectLeaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), paths));
        } else if (node.isArray()) {
            node.forEach(element -> collectLeaves(prefix, element, paths));
        } else {
            paths.add(prefix);
        }
    }

    /** Field paths of the live mappings of all project indices. */
    private record MappedFields(Set<String> leaves, Set<String> opaque) {

        static MappedFields of(JsonNode mappingsByIndex) {
            Set<String> leaves = new TreeSet<>();
            Set<String> opaque = new TreeSet<>();
            for (JsonNode index : mappingsByIndex) {
                walk("", index.path("mappings").path("properties"), leaves, opaque);
            }
            return new MappedFields(leaves, opaque);
        }

        private static void walk(String prefix, JsonNode properties, Set<String> leaves, Set<String> opaque) {
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) properties::fields) {
                String path = prefix + field.getKey();
                JsonNode definition = field.getValue();
                String type = definition.path("type").asText("object");
                if (definition.has("properties")) {
                    walk(path + ".", definition.get("properties"), leaves, opaque);
                } else if (type.equals("flat_object") || type.equals("geo_point")) {
                    opaque.add(path);
                } else {
                    leaves.add(path);
                }
            }
        }

        boolean covers(String path) {
            if (leaves.contains(path)) {
                return true;
            }
            return opaque.stream().anyMatch(o -> path.equals(o) || path.startsWith(o + "."));
        }
    }
}
