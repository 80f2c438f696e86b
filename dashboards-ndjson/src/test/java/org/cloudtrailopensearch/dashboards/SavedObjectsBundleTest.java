package org.cloudtrailopensearch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped bundle, read as OpenSearch Dashboards' import reads it (OpenSearch Dashboards itself cannot be
 * installed here): every line a saved object of a known type with the attributes that type needs, JSON-in-string
 * attributes that parse, unique ids, references that resolve, migration versions a 1.x-3.x Dashboards accepts,
 * only standard visualizations, and every field a panel uses mapped by the index template with a type that
 * supports what the panel does with it.
 */
class SavedObjectsBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VISUALIZATION_TYPES = Set.of("metric", "pie", "histogram", "horizontal_bar", "line",
            "area", "table", "tagcloud", "tile_map", "input_control_vis");
    private static final Set<String> AGGREGATION_TYPES = Set.of("count", "cardinality", "moving_avg", "terms",
            "date_histogram", "geohash_grid", "date_range");
    private static final List<String> DASHBOARD_TITLES = List.of(
            "AWS CloudTrail - Overview", "AWS CloudTrail - User Monitoring", "AWS CloudTrail - Network and Security",
            "AWS CloudTrail - Operations", "AWS CloudTrail - Console Logins", "AWS CloudTrail - S3 Public Objects and Buckets",
            "Security - Overview", "Security - Access Monitoring", "Security - Login Activity",
            "Security - Account and System Monitoring", "Security - Privileged Activity", "Security - Threat Intelligence",
            "Security - Data Exfiltration and Exposure", "Security - Suspicious Indicators");

    private static List<JsonNode> objects;
    private static Map<String, JsonNode> byId;

    @BeforeAll
    static void readBundle() throws IOException {
        objects = new ArrayList<>();
        byId = new LinkedHashMap<>();
        String ndjson = new String(DashboardAssets.savedObjectsNdjson(), StandardCharsets.UTF_8);
        assertTrue(ndjson.endsWith("\n"));
        for (String line : ndjson.split("\n")) {
            JsonNode object = JSON.readTree(line);
            objects.add(object);
            assertEquals(null, byId.put(object.path("id").asText(), object), "duplicate id " + object.path("id"));
        }
    }

    @Test
    void everyListedDashboardIsThereOnce() {
        List<String> titles = objects.stream().filter(o -> o.path("type").asText().equals("dashboard"))
                .map(o -> o.path("attributes").path("title").asText()).toList();
        assertEquals(new TreeSet<>(DASHBOARD_TITLES), new TreeSet<>(titles));
        assertEquals(DASHBOARD_TITLES.size(), titles.size());
    }

    @Test
    void everyObjectHasTheAttributesItsTypeNeeds() throws IOException {
        for (JsonNode object : objects) {
            String type = object.path("type").asText();
            String where = type + " " + object.path("id").asText();
            JsonNode attributes = object.path("attributes");
            assertFalse(object.has("typeMigrationVersion") || object.has("coreMigrationVersion"), where + ": Kibana 8 only");
            assertEquals(SavedObject.migrationVersion(type), object.path("migrationVersion").path(type).asText(), where);
            assertTrue(attributes.path("title").isTextual() && !attributes.path("title").asText().isBlank(), where + ": title");
            switch (type) {
                case "index-pattern" -> assertEquals("@timestamp", attributes.path("timeFieldName").asText(), where);
                case "visualization" -> {
                    JsonNode visState = parsed(attributes, "visState", where);
                    assertTrue(VISUALIZATION_TYPES.contains(visState.path("type").asText()), where + ": " + visState.path("type"));
                    assertEquals(attributes.path("title").asText(), visState.path("title").asText(), where);
                    for (JsonNode agg : visState.path("aggs")) {
                        assertTrue(AGGREGATION_TYPES.contains(agg.path("type").asText()), where + ": agg " + agg.path("type"));
                    }
                    parsed(attributes, "uiStateJSON", where);
                    if (!visState.path("type").asText().equals("input_control_vis")) { // controls name their index per control
                        checkSearchSource(object, where);
                    }
                }
                case "search" -> {
                    assertTrue(attributes.path("columns").size() > 0, where + ": columns");
                    assertTrue(attributes.path("sort").isArray(), where + ": sort");
                    checkSearchSource(object, where);
                }
                case "dashboard" -> {
                    JsonNode panels = parsed(attributes, "panelsJSON", where);
                    parsed(attributes, "optionsJSON", where);
                    parsed(attributes.path("kibanaSavedObjectMeta"), "searchSourceJSON", where);
                    assertTrue(panels.size() > 1, where + ": panels");
                    checkLayout(panels, where);
                    Set<String> refNames = referenceNames(object);
                    for (JsonNode panel : panels) {
                        assertTrue(refNames.contains(panel.path("panelRefName").asText()), where + ": " + panel);
                    }
                    assertEquals(DashboardBundle.CONTROLS_ID, reference(object, panels.get(0).path("panelRefName").asText())
                            .path("id").asText(), where + ": the filter controls come first");
                }
                default -> fail(where + ": unknown saved-object type");
            }
        }
    }

    @Test
    void everyReferenceResolvesToAnObjectOfTheNamedType() {
        for (JsonNode object : objects) {
            for (JsonNode reference : object.path("references")) {
                JsonNode target = byId.get(reference.path("id").asText());
                assertTrue(target != null, object.path("id") + " refers to missing " + reference);
                assertEquals(reference.path("type").asText(), target.path("type").asText(), object.path("id") + ": " + reference);
            }
        }
        JsonNode controls = PanelSearches.visState(byId.get(DashboardBundle.CONTROLS_ID));
        Set<String> names = referenceNames(byId.get(DashboardBundle.CONTROLS_ID));
        for (JsonNode control : controls.path("params").path("controls")) {
            assertTrue(names.contains(control.path("indexPatternRefName").asText()), control.toString());
        }
    }

    @Test
    void everyPanelFieldIsMappedWithATypeThatSupportsItsUse() throws IOException {
        TemplateFields template = TemplateFields.ofIndexTemplate();
        List<String> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            String id = object.path("id").asText();
            for (String field : PanelSearches.aggregatedFields(object)) {
                if (!template.aggregatable(field)) {
                    problems.add(id + ": aggregates on " + field + " (" + template.type(field) + ")");
                }
            }
            for (String field : PanelSearches.columnFields(object)) {
                if (template.type(field).isEmpty()) {
                    problems.add(id + ": column " + field + " is not mapped");
                }
            }
            if (!object.path("type").asText().equals("dashboard") && object.path("attributes").has("kibanaSavedObjectMeta")) {
                for (String field : PanelSearches.queryFields(PanelSearches.query(object))) {
                    if (!template.searchable(field)) {
                        problems.add(id + ": queries " + field + " (" + template.type(field) + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void queryFieldsAreFoundOutsideQuotesOnly() {
        assertEquals(Set.of("event.action", "aws.s3.acl.grantee", "aws.cloudtrail.error_code"),
                PanelSearches.queryFields("event.action:(PutObject) AND aws.s3.acl.grantee:\"http://acs:x\" "
                        + "AND NOT _exists_:aws.cloudtrail.error_code"));
    }

    private static void checkSearchSource(JsonNode object, String where) throws IOException {
        JsonNode searchSource = parsed(object.path("attributes").path("kibanaSavedObjectMeta"), "searchSourceJSON", where);
        assertEquals("lucene", searchSource.path("query").path("language").asText(), where);
        assertTrue(referenceNames(object).contains(searchSource.path("indexRefName").asText()), where + ": indexRefName");
    }

    private static void checkLayout(JsonNode panels, String where) {
        Map<Integer, Set<Integer>> taken = new HashMap<>();
        for (JsonNode panel : panels) {
            JsonNode grid = panel.path("gridData");
            int x = grid.path("x").asInt();
            int w = grid.path("w").asInt();
            assertTrue(x >= 0 && w > 0 && x + w <= 48, where + ": " + grid);
            for (int row = grid.path("y").asInt(); row < grid.path("y").asInt() + grid.path("h").asInt(); row++) {
                for (int column = x; column < x + w; column++) {
                    assertTrue(taken.computeIfAbsent(row, r -> new HashSet<>()).add(column), where + ": panels overlap at " + grid);
                }
            }
        }
    }

    private static JsonNode parsed(JsonNode attributes, String field, String where) throws IOException {
        assertTrue(attributes.path(field).isTextual(), where + ": " + field + " must be a JSON string");
        return JSON.readTree(attributes.path(field).asText());
    }

    private static Set<String> referenceNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.path("references").forEach(reference -> names.add(reference.path("name").asText()));
        return names;
    }

    private static JsonNode reference(JsonNode object, String name) {
        for (JsonNode reference : object.path("references")) {
            if (reference.path("name").asText().equals(name)) {
                return reference;
            }
        }
        return JSON.missingNode();
    }
}
