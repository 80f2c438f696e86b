package org.cloudtrailopensearch.loader.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.cloudtrailopensearch.dashboards.PanelSearches;
import org.cloudtrailopensearch.loader.index.JsonCalls;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * Runs the search of every shipped panel (visualization, saved search, filter control) on the loaded data, as
 * OpenSearch Dashboards would send it ({@link PanelSearches}), and says how many show something: the demo's
 * proof that no dashboard opens empty.
 */
final class PanelCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchClient client;
    private final String index;

    PanelCheck(OpenSearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    /** How many panels were run, and the ids of those that show nothing (or fail). */
    record Result(int panels, List<String> empty) {
    }

    /** Runs every visualization, saved search and control of the bundle over {@code [from, to]}. */
    Result run(Instant from, Instant to) throws IOException {
        int panels = 0;
        List<String> empty = new ArrayList<>();
        for (String line : new String(DashboardAssets.savedObjectsNdjson(), StandardCharsets.UTF_8).split("\n")) {
            JsonNode object = JSON.readTree(line);
            String type = object.path("type").asText();
            if (type.equals("visualization") || type.equals("search")) {
                panels++;
                if (!showsData(object, from, to)) {
                    empty.add(object.path("id").asText());
                }
            }
        }
        return new Result(panels, List.copyOf(empty));
    }

    void print(Instant from, Instant to, PrintStream out) throws IOException {
        Result result = run(from, to);
        out.println();
        out.printf("Dashboard panels with data (each panel's own search, run here): %d of %d%n",
                result.panels() - result.empty().size(), result.panels());
        result.empty().forEach(id -> out.println("  empty: " + id));
    }

    private boolean showsData(JsonNode object, Instant from, Instant to) throws IOException {
        String response;
        try {
            response = JsonCalls.call(client.generic(), "POST", "/" + index + "/_search",
                    PanelSearches.searchBody(object, from, to).toString());
        } catch (IOException refused) {
            return false; // a panel whose search the cluster refuses shows nothing either
        }
        return PanelSearches.whyEmpty(JSON.readTree(response)).isEmpty();
    }
}
