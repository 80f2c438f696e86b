package org.cloudtrailopensearch.loader.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cloudtrailopensearch.dashboards.DashboardAssets;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Installs Alerting monitors idempotently: a monitor whose exact name already exists is replaced
 * ({@code PUT _plugins/_alerting/monitors/<id>}), any other is created ({@code POST _plugins/_alerting/monitors}).
 * Existing monitors are found with {@code POST _plugins/_alerting/monitors/_search} on {@code monitor.name}.
 * Updating replaces the whole monitor, so actions users added to it in Dashboards are replaced too; the shipped
 * monitors have none.
 */
public final class MonitorInstaller {

    static final String MONITORS = "/_plugins/_alerting/monitors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchGenericClient http;

    public MonitorInstaller(OpenSearchClient client) {
        this.http = client.generic();
    }

    /** What happened to one monitor. */
    public enum Action { CREATED, UPDATED, FAILED }

    /**
     * @param file      the monitor's id in the bundle (its file name without .json)
     * @param name      the monitor's {@code name}
     * @param action    created, updated or failed
     * @param monitorId the cluster's id of the monitor, when installed
     * @param error     why it failed, when it did
     */
    public record Outcome(String file, String name, Action action, Optional<String> monitorId, Optional<String> error) {
        /** One line for the report. */
        public String describe() {
            return switch (action) {
                case CREATED -> "created \"" + name + "\" (id " + monitorId.orElse("?") + ")";
                case UPDATED -> "updated \"" + name + "\" (id " + monitorId.orElse("?") + ")";
                case FAILED -> "FAILED \"" + name + "\" (" + file + ".json): " + error.orElse("");
            };
        }
    }

    /** Installs each monitor; a monitor that fails, even on a broken connection, does not stop the others. */
    public List<Outcome> install(List<DashboardAssets.Monitor> monitors) {
        List<Outcome> outcomes = new ArrayList<>();
        for (DashboardAssets.Monitor monitor : monitors) {
            try {
                outcomes.add(install(monitor));
            } catch (IOException e) {
                outcomes.add(failed(monitor, monitor.id(), e.getMessage()));
            }
        }
        return outcomes;
    }

    private Outcome install(DashboardAssets.Monitor monitor) throws IOException {
        String name;
        try {
            name = JSON.readTree(monitor.json()).path("name").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return failed(monitor, monitor.id(), "not valid JSON: " + e.getOriginalMessage());
        }
        if (name.isBlank()) {
            return failed(monitor, monitor.id(), "the monitor has no name");
        }
        Optional<String> existing = findByName(name);
        String endpoint = existing.map(id -> MONITORS + "/" + id).orElse(MONITORS);
        try (Response response = http.execute(Requests.builder().endpoint(endpoint)
                .method(existing.isPresent() ? "PUT" : "POST").json(monitor.json()).build())) {
            String body = body(response);
            if (response.getStatus() / 100 != 2) {
                return failed(monitor, name, "HTTP " + response.getStatus() + ": " + reason(body));
            }
            String id = existing.orElseGet(() -> idOf(body));
            return new Outcome(monitor.id(), name, existing.isPresent() ? Action.UPDATED : Action.CREATED,
                    Optional.ofNullable(id), Optional.empty());
        }
    }

    /** The id of the monitor named exactly {@code name}, if there is one. */
    Optional<String> findByName(String name) throws IOException {
        ObjectNode query = JSON.createObjectNode();
        query.put("size", 100);
        ObjectNode bool = query.putObject("query").putObject("bool");
        bool.putArray("should")
                .add(JSON.createObjectNode().set("term", JSON.createObjectNode().put("monitor.name.keyword", name)))
                .add(JSON.createObjectNode().set("match_phrase", JSON.createObjectNode().put("monitor.name", name)));
        bool.put("minimum_should_match", 1);
        try (Response response = http.execute(Requests.builder().endpoint(MONITORS + "/_search").method("POST")
                .json(JSON.writeValueAsString(query)).build())) {
            String body = body(response);
            if (response.getStatus() == 404) {
                return Optional.empty(); // no monitor was ever created: the config index does not exist yet
            }
            if (response.getStatus() / 100 != 2) {
                throw new IOException("searching the Alerting monitors failed with HTTP " + response.getStatus()
                        + ": " + reason(body));
            }
            for (JsonNode hit : JSON.readTree(body).path("hits").path("hits")) {
                JsonNode source = hit.path("_source");
                // The search API returns each monitor re-serialised ({"name":...}), or the stored {"monitor":{...}}.
                String found = source.has("monitor") ? source.path("monitor").path("name").asText(null)
                        : source.path("name").asText(null);
                if (name.equals(found)) {
                    return Optional.of(hit.path("_id").asText());
                }
            }
            return Optional.empty();
        }
    }

    private static Outcome failed(DashboardAssets.Monitor monitor, String name, String error) {
        return new Outcome(monitor.id(), name, Action.FAILED, Optional.empty(), Optional.of(error));
    }

    private static String body(Response response) {
        return response.getBody().map(b -> b.bodyAsString()).orElse("");
    }

    private static String idOf(String body) {
        try {
            return JSON.readTree(body).path("_id").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** OpenSearch errors are {@code {"error":{"reason":...},"status":n}}; fall back to the raw body. */
    private static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
            JsonNode root = error.path("root_cause").path(0);
            String reason = error.path("reason").asText(root.path("reason").asText(""));
            if (!reason.isEmpty()) {
                return error.path("type").asText("error") + ": " + reason;
            }
        } catch (IOException | RuntimeException e) {
            // not JSON
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
