package org.cloudtrailopensearch.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cloudtrailopensearch.dashboards.spec.DashboardSpec;
import org.cloudtrailopensearch.dashboards.spec.PanelSpec;

/**
 * Writes the importable bundle ({@code cloudtrail-dashboards.ndjson}) and its catalogue ({@code DASHBOARDS.md})
 * from the dashboard specs. Run by {@code BundleIsCurrentTest} with {@code -Ddashboards.regenerate=true}, or as
 * {@code java ... BundleGenerator <module folder>}.
 */
public final class BundleGenerator {

    static final String SPEC_FOLDER = "src/main/dashboards";
    static final String CATALOGUE_FILE = "DASHBOARDS.md";

    private BundleGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : ".");
        List<DashboardSpec> specs = DashboardSpecs.read(module.resolve(SPEC_FOLDER));
        Files.writeString(module.resolve(DashboardAssets.NDJSON_FILE_NAME), ndjson(specs), StandardCharsets.UTF_8);
        Files.writeString(module.resolve(CATALOGUE_FILE), catalogue(specs), StandardCharsets.UTF_8);
    }

    /** One saved object per line, each line compact JSON, the file ending with a line break. */
    public static String ndjson(List<DashboardSpec> specs) {
        StringBuilder out = new StringBuilder();
        for (ObjectNode object : DashboardBundle.savedObjects(specs)) {
            out.append(Json.text(object)).append('\n');
        }
        return out.toString();
    }

    /** Every dashboard and panel with its query and what it answers, for people reading the repository. */
    public static String catalogue(List<DashboardSpec> specs) {
        StringBuilder out = new StringBuilder();
        out.append("# Dashboards catalogue\n\n");
        out.append("Generated from `src/main/dashboards/*.yaml` with the bundle; do not edit by hand ")
                .append("(regenerate: `mvn -pl dashboards-ndjson test -Ddashboards.regenerate=true`).\n")
                .append("Every dashboard also carries the filter controls (AWS account, region, user, environment). ")
                .append("Queries are Lucene, run as `query_string` over the `cloudtrail` index pattern.\n\n");
        for (DashboardSpec spec : specs) {
            out.append("## ").append(spec.title()).append("\n\n");
            out.append(spec.answers()).append(" (`").append(spec.id()).append("`, default range `")
                    .append(spec.timeFrom()).append("` to `now`)\n\n");
            out.append("| panel | chart | query | buckets | what it answers |\n|---|---|---|---|---|\n");
            for (PanelSpec panel : spec.panels()) {
                out.append("| ").append(cell(panel.title())).append(" | ").append(panel.type().name().toLowerCase())
                        .append(" | `").append(cell(panel.query().isEmpty() ? "*" : panel.query())).append("` | ")
                        .append(cell(buckets(panel))).append(" | ").append(cell(panel.description())).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String buckets(PanelSpec panel) {
        StringBuilder text = new StringBuilder();
        switch (panel.type()) {
            case TIMELINE, LINE, OUTLIER -> text.append("@timestamp per ").append(panel.intervalOrDefault());
            case MAP -> text.append("geohash of source.geo.location");
            case SEARCH -> text.append("columns ").append(String.join(", ", panel.columns()));
            case COMPARE -> text.append("last 24 h vs the 24 h before");
            default -> { }
        }
        for (String field : panel.terms()) {
            text.append(text.length() > 0 ? ", " : "").append(field);
        }
        if (panel.split() != null) {
            text.append(", split by ").append(panel.split());
        }
        if (panel.unique() != null) {
            text.append(" (unique ").append(panel.unique()).append(")");
        }
        return text.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
