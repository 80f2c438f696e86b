package org.cloudtrailopensearch.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cloudtrailopensearch.dashboards.spec.PanelSpec;

/**
 * Builds the {@code visState} of a panel: the visualization type, its aggregations and its display parameters,
 * in the shape OpenSearch Dashboards (a fork of Kibana 7.10) stores. Only the standard visualization types are
 * used (metric, pie, histogram, horizontal_bar, line, table, tagcloud, tile_map, input_control_vis).
 */
final class VisualizationStates {

    /** The aggregation id of the first metric; bucket aggregations order by it. */
    private static final String METRIC_ID = "1";

    private VisualizationStates() {
    }

    static ObjectNode of(PanelSpec panel) {
        return switch (panel.type()) {
            case METRIC -> state(panel, "metric", metricAggs(panel), metricParams());
            case PIE -> state(panel, "pie", withTerms(metricAggs(panel), panel, "segment"), pieParams());
            case TAGCLOUD -> state(panel, "tagcloud", withTerms(metricAggs(panel), panel, "segment"), tagcloudParams());
            case TABLE -> state(panel, "table", withTerms(metricAggs(panel), panel, "bucket"), tableParams());
            case BAR, HBAR -> {
                ArrayNode aggs = withTerms(metricAggs(panel), panel, "segment");
                if (panel.split() != null) {
                    aggs.add(terms(String.valueOf(aggs.size() + 1), "group", panel.split(), panel.sizeOrDefault()));
                }
                boolean horizontal = panel.type() == org.cloudtrailopensearch.dashboards.spec.PanelType.HBAR;
                yield state(panel, horizontal ? "horizontal_bar" : "histogram", aggs,
                        chartParams(horizontal ? "horizontal_bar" : "histogram", horizontal, List.of(seriesParams("histogram", "stacked", METRIC_ID, metricLabel(panel)))));
            }
            case TIMELINE, LINE -> {
                ArrayNode aggs = metricAggs(panel);
                aggs.add(dateHistogram("2", panel.intervalOrDefault(), 1));
                if (panel.split() != null) {
                    aggs.add(terms("3", "group", panel.split(), panel.sizeOrDefault()));
                }
                boolean line = panel.type() == org.cloudtrailopensearch.dashboards.spec.PanelType.LINE;
                String chart = line ? "line" : "histogram";
                yield state(panel, chart, aggs, chartParams(chart, false,
                        List.of(seriesParams(chart, line ? "normal" : "stacked", METRIC_ID, metricLabel(panel)))));
            }
            case OUTLIER -> {
                ArrayNode aggs = metricAggs(panel);
                aggs.add(movingFunction("3", "Trailing mean (10 buckets)", "MovingFunctions.unweightedAvg(values)"));
                aggs.add(movingFunction("4", "Upper band: trailing mean + 3 standard deviations",
                        "MovingFunctions.unweightedAvg(values) + 3 * MovingFunctions.stdDev(values, MovingFunctions.unweightedAvg(values))"));
                // A parent pipeline needs every bucket, empty ones included (Sumo's fillmissing does the same).
                aggs.add(dateHistogram("2", panel.intervalOrDefault(), 0));
                yield state(panel, "line", aggs, chartParams("line", false, List.of(
                        seriesParams("line", "normal", METRIC_ID, metricLabel(panel)),
                        seriesParams("line", "normal", "3", "Trailing mean (10 buckets)"),
                        seriesParams("line", "normal", "4", "Upper band: trailing mean + 3 standard deviations"))));
            }
            case COMPARE -> {
                ArrayNode aggs = metricAggs(panel);
                ObjectNode range = agg("2", "date_range", "bucket");
                ObjectNode params = (ObjectNode) range.get("params");
                params.put("field", "@timestamp");
                ArrayNode ranges = params.putArray("ranges");
                ranges.addObject().put("from", "now-24h").put("to", "now");
                ranges.addObject().put("from", "now-48h").put("to", "now-24h");
                aggs.add(range);
                for (String field : panel.terms()) {
                    aggs.add(terms(String.valueOf(aggs.size() + 1), "bucket", field, panel.sizeOrDefault()));
                }
                yield state(panel, "table", aggs, tableParams());
            }
            case MAP -> {
                ArrayNode aggs = metricAggs(panel);
                ObjectNode grid = agg("2", "geohash_grid", "segment");
                ((ObjectNode) grid.get("params")).put("field", "source.geo.location").put("autoPrecision", true)
                        .put("precision", 2).put("useGeocentroid", true).put("isFilteredByCollar", true)
                        .put("mapZoom", 2).set("mapCenter", Json.array().add(20).add(0));
                aggs.add(grid);
                yield state(panel, "tile_map", aggs, mapParams());
            }
            case SEARCH -> throw new IllegalArgumentException("a saved search has no visState");
        };
    }

    /** The filter controls on top of every dashboard: one list control per field. */
    static ObjectNode controls(String title, List<String[]> fieldsAndLabels) {
        ObjectNode state = Json.object();
        state.put("title", title);
        state.put("type", "input_control_vis");
        state.putArray("aggs");
        ObjectNode params = state.putObject("params");
        ArrayNode controls = params.putArray("controls");
        for (int i = 0; i < fieldsAndLabels.size(); i++) {
            ObjectNode control = controls.addObject();
            control.put("id", String.valueOf(i + 1));
            control.put("fieldName", fieldsAndLabels.get(i)[0]);
            control.put("label", fieldsAndLabels.get(i)[1]);
            control.put("type", "list");
            control.putObject("options").put("type", "terms").put("multiselect", true).put("dynamicOptions", true)
                    .put("size", 50).put("order", "desc");
            control.put("parent", "");
            control.put("indexPatternRefName", controlIndexRefName(i));
        }
        params.put("updateFiltersOnChange", true);
        params.put("useTimeFilter", true);
        params.put("pinFilters", false);
        return state;
    }

    static String controlIndexRefName(int index) {
        return "control_" + index + "_index_pattern";
    }

    private static ObjectNode state(PanelSpec panel, String type, ArrayNode aggs, ObjectNode params) {
        ObjectNode state = Json.object();
        state.put("title", panel.title());
        state.put("type", type);
        state.set("aggs", aggs);
        state.set("params", params);
        return state;
    }

    private static ArrayNode metricAggs(PanelSpec panel) {
        ArrayNode aggs = Json.array();
        if (panel.unique() == null) {
            aggs.add(agg(METRIC_ID, "count", "metric"));
        } else {
            ObjectNode unique = agg(METRIC_ID, "cardinality", "metric");
            ((ObjectNode) unique.get("params")).put("field", panel.unique());
            aggs.add(unique);
        }
        return aggs;
    }

    private static String metricLabel(PanelSpec panel) {
        return panel.unique() == null ? "Count" : "Unique count of " + panel.unique();
    }

    private static ArrayNode withTerms(ArrayNode aggs, PanelSpec panel, String schema) {
        for (String field : panel.terms()) {
            aggs.add(terms(String.valueOf(aggs.size() + 1), schema, field, panel.sizeOrDefault()));
        }
        return aggs;
    }

    private static ObjectNode agg(String id, String type, String schema) {
        ObjectNode agg = Json.object();
        agg.put("id", id);
        agg.put("enabled", true);
        agg.put("type", type);
        agg.put("schema", schema);
        agg.putObject("params");
        return agg;
    }

    private static ObjectNode terms(String id, String schema, String field, int size) {
        ObjectNode agg = agg(id, "terms", schema);
        ((ObjectNode) agg.get("params")).put("field", field).put("orderBy", METRIC_ID).put("order", "desc")
                .put("size", size).put("otherBucket", false).put("otherBucketLabel", "Other")
                .put("missingBucket", false).put("missingBucketLabel", "Missing");
        return agg;
    }

    private static ObjectNode dateHistogram(String id, String interval, int minDocCount) {
        ObjectNode agg = agg(id, "date_histogram", "segment");
        ObjectNode params = (ObjectNode) agg.get("params");
        params.put("field", "@timestamp").put("useNormalizedOpenSearchInterval", true).put("interval", interval)
                .put("drop_partials", false).put("min_doc_count", minDocCount);
        params.putObject("extended_bounds");
        return agg;
    }

    /** OpenSearch Dashboards' "Moving Avg" parent pipeline aggregation, which runs as moving_fn with this script. */
    private static ObjectNode movingFunction(String id, String label, String script) {
        ObjectNode agg = agg(id, "moving_avg", "metric");
        ((ObjectNode) agg.get("params")).put("metricAgg", METRIC_ID).put("window", 10).put("script", script)
                .put("customLabel", label);
        return agg;
    }

    private static ObjectNode metricParams() {
        ObjectNode params = Json.object();
        params.put("addTooltip", true);
        params.put("addLegend", false);
        params.put("type", "metric");
        ObjectNode metric = params.putObject("metric");
        metric.put("percentageMode", false);
        metric.put("useRanges", false);
        metric.put("colorSchema", "Green to Red");
        metric.put("metricColorMode", "None");
        metric.putArray("colorsRange").addObject().put("from", 0).put("to", 10000);
        metric.putObject("labels").put("show", true);
        metric.put("invertColors", false);
        metric.putObject("style").put("bgFill", "#000").put("bgColor", false).put("labelColor", false)
                .put("subText", "").put("fontSize", 48);
        return params;
    }

    private static ObjectNode pieParams() {
        ObjectNode params = Json.object();
        params.put("type", "pie");
        params.put("addTooltip", true);
        params.put("addLegend", true);
        params.put("legendPosition", "right");
        params.put("isDonut", true);
        params.putObject("labels").put("show", false).put("values", true).put("last_level", true).put("truncate", 100);
        return params;
    }

    private static ObjectNode tagcloudParams() {
        ObjectNode params = Json.object();
        params.put("scale", "linear");
        params.put("orientation", "single");
        params.put("minFontSize", 14);
        params.put("maxFontSize", 60);
        params.put("showLabel", true);
        return params;
    }

    private static ObjectNode tableParams() {
        ObjectNode params = Json.object();
        params.put("perPage", 10);
        params.put("showPartialRows", false);
        params.put("showMetricsAtAllLevels", false);
        params.putObject("sort").putNull("columnIndex").put("direction", (String) null);
        params.put("showTotal", false);
        params.put("totalFunc", "sum");
        params.put("percentageCol", "");
        return params;
    }

    private static ObjectNode mapParams() {
        ObjectNode params = Json.object();
        params.put("mapType", "Scaled Circle Markers");
        params.put("isDesaturated", true);
        params.put("addTooltip", true);
        params.put("heatClusterSize", 1.5);
        params.put("legendPosition", "bottomright");
        params.put("mapZoom", 2);
        params.set("mapCenter", Json.array().add(20).add(0));
        params.putObject("wms").put("enabled", false);
        return params;
    }

    private static ObjectNode seriesParams(String chart, String mode, String metricId, String label) {
        ObjectNode series = Json.object();
        series.put("show", true);
        series.put("type", chart);
        series.put("mode", mode);
        series.putObject("data").put("label", label).put("id", metricId);
        series.put("valueAxis", "ValueAxis-1");
        series.put("drawLinesBetweenPoints", true);
        series.put("lineWidth", 2);
        series.put("interpolate", "linear");
        series.put("showCircles", true);
        return series;
    }

    /** Parameters of the vislib XY charts (histogram, horizontal_bar, line). */
    private static ObjectNode chartParams(String chart, boolean horizontal, List<ObjectNode> series) {
        ObjectNode params = Json.object();
        params.put("type", chart);
        params.putObject("grid").put("categoryLines", false);
        ObjectNode category = params.putArray("categoryAxes").addObject();
        category.put("id", "CategoryAxis-1");
        category.put("type", "category");
        category.put("position", horizontal ? "left" : "bottom");
        category.put("show", true);
        category.putObject("style");
        category.putObject("scale").put("type", "linear");
        category.putObject("labels").put("show", true).put("filter", !horizontal).put("truncate", 100);
        category.putObject("title");
        ObjectNode value = params.putArray("valueAxes").addObject();
        value.put("id", "ValueAxis-1");
        value.put("name", horizontal ? "BottomAxis-1" : "LeftAxis-1");
        value.put("type", "value");
        value.put("position", horizontal ? "bottom" : "left");
        value.put("show", true);
        value.putObject("style");
        value.putObject("scale").put("type", "linear").put("mode", "normal");
        value.putObject("labels").put("show", true).put("rotate", horizontal ? 75 : 0).put("filter", horizontal)
                .put("truncate", 100);
        value.putObject("title").put("text", series.get(0).path("data").path("label").asText());
        ArrayNode seriesParams = params.putArray("seriesParams");
        series.forEach(seriesParams::add);
        params.put("addTooltip", true);
        params.put("addLegend", true);
        params.put("legendPosition", "right");
        params.putArray("times");
        params.put("addTimeMarker", false);
        params.putObject("labels").put("show", false);
        params.putObject("thresholdLine").put("show", false).put("value", 10).put("width", 1).put("style", "full")
                .put("color", "#E7664C");
        return params;
    }
}
