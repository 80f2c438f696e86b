package org.cloudtrailopensearch.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudTrailIndexTemplatesTest {

    private static final Set<String> COMPONENT_TEMPLATE_KEYS = Set.of("template", "version", "_meta");
    private static final Set<String> TEMPLATE_BLOCK_KEYS = Set.of("settings", "mappings", "aliases");
    private static final Set<String> INDEX_TEMPLATE_KEYS =
            Set.of("index_patterns", "priority", "composed_of", "version", "_meta", "template");

    private final JsonNode indexTemplate = parse(CloudTrailIndexTemplates.indexTemplateJson());

    @Test
    void componentTemplatesAreTheIndexTemplatesComposedOfInOrder() {
        List<String> names = CloudTrailIndexTemplates.componentTemplates().stream().map(ComponentTemplate::name).toList();
        List<String> composedOf = new ArrayList<>();
        indexTemplate.path("composed_of").forEach(n -> composedOf.add(n.asText()));
        assertEquals(List.of("cloudtrail-settings", "cloudtrail-ecs", "cloudtrail-aws"), names);
        assertEquals(names, composedOf);
    }

    @Test
    void componentTemplateBodiesHaveTheShapeThePutApiAccepts() {
        for (ComponentTemplate component : CloudTrailIndexTemplates.componentTemplates()) {
            JsonNode body = parse(component.json());
            assertKeysWithin(COMPONENT_TEMPLATE_KEYS, body, component.name());
            assertKeysWithin(TEMPLATE_BLOCK_KEYS, body.path("template"), component.name() + ".template");
            assertTrue(body.path("template").size() > 0, component.name() + " has an empty template");
        }
    }

    @Test
    void indexTemplateTargetsMonthlyIndicesWithTheReadAlias() {
        assertKeysWithin(INDEX_TEMPLATE_KEYS, indexTemplate, "index template");
        assertEquals("cloudtrail", CloudTrailIndexTemplates.indexTemplateName());
        assertEquals("cloudtrail-*", CloudTrailIndexTemplates.indexPattern());
        assertEquals(CloudTrailIndexTemplates.indexPattern(), indexTemplate.path("index_patterns").path(0).asText());
        assertEquals(1, indexTemplate.path("index_patterns").size());
        assertEquals(200, indexTemplate.path("priority").asInt());
        assertTrue(indexTemplate.path("template").path("aliases").has(CloudTrailIndexTemplates.readAlias()));
        assertFalse(indexTemplate.has("data_stream"), "explicit _id overwrites need plain indices, not a data stream");
    }

    @Test
    void readAliasCanNeverCollideWithAnIndexName() {
        assertFalse(FileSystems.getDefault().getPathMatcher("glob:" + CloudTrailIndexTemplates.indexPattern())
                .matches(Path.of(CloudTrailIndexTemplates.readAlias())));
    }

    @Test
    void everyTemplateCarriesTheSameVersion() {
        int version = CloudTrailIndexTemplates.version();
        assertTrue(version > 0);
        assertEquals(version, indexTemplate.path("_meta").path("version").asInt());
        for (ComponentTemplate component : CloudTrailIndexTemplates.componentTemplates()) {
            JsonNode body = parse(component.json());
            assertEquals(version, body.path("version").asInt(), component.name());
            assertEquals(version, body.path("_meta").path("version").asInt(), component.name());
        }
    }

    @Test
    void replicasExpandWithTheClusterInsteadOfBeingFixed() {
        // A fixed count is wrong somewhere: 1 leaves a one-node cluster yellow for ever, 0 leaves a production
        // cluster without a copy. 0-1 follows the number of data nodes, also when a cluster grows.
        JsonNode settings = parse(componentJson("cloudtrail-settings")).path("template").path("settings").path("index");
        assertEquals("0-1", settings.path("auto_expand_replicas").asText());
        for (ComponentTemplate component : CloudTrailIndexTemplates.componentTemplates()) {
            assertFalse(component.json().contains("number_of_replicas"), component.name());
            if (!component.name().equals("cloudtrail-settings")) {
                assertFalse(component.json().contains("auto_expand_replicas"), component.name());
            }
        }
        assertFalse(CloudTrailIndexTemplates.indexTemplateJson().contains("replicas"),
                "the index template's own settings would override the component's");
    }

    private static String componentJson(String name) {
        return CloudTrailIndexTemplates.componentTemplates().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow().json();
    }

    @Test
    void indexNameIsTheUtcMonthOfTheTimestamp() {
        assertEquals("cloudtrail-2026.11", CloudTrailIndexTemplates.indexNameFor(Instant.parse("2026-11-22T03:04:05Z")));
        assertEquals("cloudtrail-2026.11", CloudTrailIndexTemplates.indexNameFor(Instant.parse("2026-11-30T23:59:59.999Z")));
        assertEquals("cloudtrail-2026.12", CloudTrailIndexTemplates.indexNameFor(Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals("cloudtrail-2025.12", CloudTrailIndexTemplates.indexNameFor(
                OffsetDateTime.parse("2026-01-01T00:30:00+01:00").toInstant()));
        assertEquals("cloudtrail-2014.03", CloudTrailIndexTemplates.indexNameFor(Instant.parse("2014-03-06T17:10:34Z")));
        assertThrows(NullPointerException.class, () -> CloudTrailIndexTemplates.indexNameFor(null));
    }

    @Test
    void indexNamesMatchTheIndexPattern() {
        String name = CloudTrailIndexTemplates.indexNameFor(Instant.parse("2026-11-22T03:04:05Z"));
        assertTrue(FileSystems.getDefault().getPathMatcher("glob:" + CloudTrailIndexTemplates.indexPattern())
                .matches(Path.of(name)));
        assertEquals(name.toLowerCase(), name, "index names must be lowercase");
    }

    private static void assertKeysWithin(Set<String> allowed, JsonNode node, String what) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            assertTrue(allowed.contains(key), what + ": unexpected key [" + key + "]");
        }
    }

    private static JsonNode parse(String json) {
        return TemplateResources.parse(json, "test");
    }
}
