package org.cloudtrailopensearch.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cloudtrailopensearch.dashboards.spec.DashboardSpec;
import org.cloudtrailopensearch.dashboards.spec.PanelSpec;
import org.cloudtrailopensearch.dashboards.spec.PanelType;

/**
 * Turns dashboard specs into OpenSearch Dashboards saved objects: the index pattern, the shared filter controls,
 * one visualization or saved search per panel, and one dashboard per spec, laid out on the 48-column grid.
 */
public final class DashboardBundle {

    /** The filter controls shared by every dashboard: account, region, user, environment. */
    public static final String CONTROLS_ID = "cloudtrail-filters";
    static final List<String[]> CONTROL_FIELDS = List.of(
            new String[] {"aws.cloudtrail.recipient_account_id", "AWS account"},
            new String[] {"cloud.region", "Region"},
            new String[] {"user.name", "User"},
            new String[] {"labels.environment", "Environment"});

    private static final int GRID_COLUMNS = 48;

    private DashboardBundle() {
    }

    /** Every saved object of the bundle, in import order (referenced objects first). */
    public static List<ObjectNode> savedObjects(List<DashboardSpec> dashboards) {
        List<ObjectNode> objects = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        objects.add(SavedObject.indexPattern());
        objects.add(controls());
        List<ObjectNode> dashboardObjects = new ArrayList<>();
        for (DashboardSpec dashboard : dashboards) {
            List<ObjectNode> panels = new ArrayList<>();
            for (PanelSpec panel : dashboard.panels()) {
                ObjectNode object = panelObject(dashboard, panel);
                if (!ids.add(object.get("id").asText())) {
                    throw new IllegalArgumentException("two panels have the id " + object.get("id").asText()
                            + " (give one an explicit id)");
                }
                panels.add(object);
            }
            objects.addAll(panels);
            dashboardObjects.add(dashboard(dashboard, panels));
        }
        objects.addAll(dashboardObjects);
        return objects;
    }

    /** The visualization or saved search id of a panel. */
    public static String panelId(DashboardSpec dashboard, PanelSpec panel) {
        return dashboard.id() + "--" + (panel.id() != null ? panel.id() : slug(panel.title()));
    }

    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static ObjectNode controls() {
        ObjectNode attributes = Json.object();
        attributes.put("title", "CloudTrail filters: account, region, user, environment");
        attributes.put("description", "List controls shared by every CloudTrail dashboard.");
        attributes.put("visState", Json.text(VisualizationStates.controls(attributes.get("title").asText(), CONTROL_FIELDS)));
        attributes.put("uiStateJSON", "{}");
        attributes.put("version", 1);
        ObjectNode searchSource = Json.object();
        searchSource.putObject("query").put("query", "").put("language", "lucene");
        searchSource.putArray("filter");
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", Json.text(searchSource));
        ArrayNode references = Json.array();
        for (int i = 0; i < CONTROL_FIELDS.size(); i++) {
            references.add(SavedObject.reference(VisualizationStates.controlIndexRefName(i), "index-pattern",
                    SavedObject.INDEX_PATTERN_ID));
        }
        return SavedObject.of("visualization", CONTROLS_ID, attributes, references);
    }

    private static ObjectNode panelObject(DashboardSpec dashboard, PanelSpec panel) {
        validate(dashboard, panel);
        String id = panelId(dashboard, panel);
        ArrayNode references = Json.array();
        references.add(SavedObject.reference(SavedObject.INDEX_REF_NAME, "index-pattern", SavedObject.INDEX_PATTERN_ID));
        ObjectNode attributes = Json.object();
        attributes.put("title", panel.title());
        attributes.put("description", panel.description());
        if (panel.type() == PanelType.SEARCH) {
            attributes.put("hits", 0);
            ArrayNode columns = attributes.putArray("columns");
            panel.columns().forEach(columns::add);
            attributes.putArray("sort").addArray().add("@timestamp").add("desc");
            attributes.put("version", 1);
            attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", SavedObject.searchSource(panel.query(), true));
            return SavedObject.of("search", id, attributes, references);
        }
        attributes.put("visState", Json.text(VisualizationStates.of(panel)));
        attributes.put("uiStateJSON", "{}");
        attributes.put("version", 1);
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", SavedObject.searchSource(panel.query(), false));
        return SavedObject.of("visualization", id, attributes, references);
    }

    private static void validate(DashboardSpec dashboard, PanelSpec panel) {
        String where = dashboard.id() + " / " + panel.title();
        if (panel.type() == null) {
            throw new IllegalArgumentException(where + ": no type");
        }
        boolean needsTerms = switch (panel.type()) {
            case PIE, BAR, HBAR, TABLE, TAGCLOUD, COMPARE -> true;
            default -> false;
        };
        if (needsTerms && panel.terms().isEmpty()) {
            throw new IllegalArgumentException(where + ": a " + panel.type() + " panel needs terms");
        }
        if (panel.type() == PanelType.SEARCH && panel.columns().isEmpty()) {
            throw new IllegalArgumentException(where + ": a saved search needs columns");
        }
        if (panel.description().isEmpty()) {
            throw new IllegalArgumentException(where + ": every panel says what it answers (description)");
        }
    }

    private static ObjectNode dashboard(DashboardSpec dashboard, List<ObjectNode> panels) {
        ArrayNode panelsJson = Json.array();
        ArrayNode references = Json.array();
        Layout layout = new Layout();
        addPanel(panelsJson, references, layout.place(GRID_COLUMNS, 5), "visualization", CONTROLS_ID);
        for (int i = 0; i < panels.size(); i++) {
            PanelSpec spec = dashboard.panels().get(i);
            ObjectNode object = panels.get(i);
            addPanel(panelsJson, references, layout.place(width(spec), height(spec)), object.get("type").asText(),
                    object.get("id").asText());
        }
        ObjectNode attributes = Json.object();
        attributes.put("title", dashboard.title());
        attributes.put("hits", 0);
        attributes.put("description", dashboard.description());
        attributes.put("panelsJSON", Json.text(panelsJson));
        attributes.put("optionsJSON", "{\"hidePanelTitles\":false,\"useMargins\":true}");
        attributes.put("version", 1);
        attributes.put("timeRestore", true);
        attributes.put("timeFrom", dashboard.timeFrom());
        attributes.put("timeTo", "now");
        attributes.putObject("refreshInterval").put("pause", true).put("value", 0);
        attributes.putObject("kibanaSavedObjectMeta")
                .put("searchSourceJSON", "{\"query\":{\"query\":\"\",\"language\":\"lucene\"},\"filter\":[]}");
        return SavedObject.of("dashboard", dashboard.id(), attributes, references);
    }

    private static void addPanel(ArrayNode panelsJson, ArrayNode references, int[] grid, String type, String id) {
        String index = String.valueOf(panelsJson.size() + 1);
        ObjectNode panel = panelsJson.addObject();
        panel.put("version", "7.10.0");
        ObjectNode gridData = panel.putObject("gridData");
        gridData.put("x", grid[0]).put("y", grid[1]).put("w", grid[2]).put("h", grid[3]).put("i", index);
        panel.put("panelIndex", index);
        panel.putObject("embeddableConfig");
        String refName = "panel_" + references.size();
        panel.put("panelRefName", refName);
        references.add(SavedObject.reference(refName, type, id));
    }

    private static int width(PanelSpec panel) {
        if (panel.width() != null) {
            return panel.width();
        }
        return switch (panel.type()) {
            case METRIC -> 12;
            case SEARCH, TIMELINE, OUTLIER -> GRID_COLUMNS;
            default -> 24;
        };
    }

    private static int height(PanelSpec panel) {
        return switch (panel.type()) {
            case METRIC -> 8;
            case SEARCH -> 18;
            default -> 15;
        };
    }

    /** Places panels left to right, wrapping to a new row when the next one does not fit. */
    private static final class Layout {
        private int x;
        private int y;
        private int rowHeight;

        int[] place(int width, int height) {
            if (x + width > GRID_COLUMNS) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            int[] grid = {x, y, width, height};
            x += width;
            rowHeight = Math.max(rowHeight, height);
            return grid;
        }
    }
}
