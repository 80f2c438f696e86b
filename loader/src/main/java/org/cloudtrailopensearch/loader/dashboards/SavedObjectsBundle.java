package org.cloudtrailopensearch.loader.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads what a saved-objects ndjson bundle holds, e.g. its dashboards, to link to them after an import. */
public final class SavedObjectsBundle {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A dashboard of the bundle: its saved-object id and title. */
    public record Dashboard(String id, String title) {
    }

    private SavedObjectsBundle() {
    }

    /** Every object of type {@code dashboard}, in bundle order. */
    public static List<Dashboard> dashboards(byte[] ndjson) {
        List<Dashboard> dashboards = new ArrayList<>();
        for (JsonNode object : objects(ndjson)) {
            if ("dashboard".equals(object.path("type").asText())) {
                dashboards.add(new Dashboard(object.path("id").asText(), object.path("attributes").path("title").asText("")));
            }
        }
        return List.copyOf(dashboards);
    }

    /** How many saved objects the bundle holds (an export's trailing summary line does not count). */
    public static int objectCount(byte[] ndjson) {
        return (int) objects(ndjson).stream().filter(o -> o.has("type") && o.has("id")).count();
    }

    private static List<JsonNode> objects(byte[] ndjson) {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    objects.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("the saved-objects bundle has a line that is not JSON", e);
                }
            }
        }
        return objects;
    }
}
