package org.cloudtrailopensearch.loader.setup;

import java.io.IOException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Asks the cluster whether an optional plugin answers, by a harmless read on one of its endpoints. Without the
 * plugin OpenSearch has no handler for the path and answers 400/404/405; with it, the answer is 2xx, or 401/403
 * when the security plugin does not let this user in (the plugin is there; installing will say what is refused).
 */
public final class PluginProbe {

    /** The Alerting plugin, probed with its get-alerts API. */
    public static final PluginProbe ALERTING = new PluginProbe("Alerting", "opensearch-alerting",
            "_plugins/_alerting", "/_plugins/_alerting/monitors/alerts");
    /** The Security Analytics plugin, probed with its rule-categories API. */
    public static final PluginProbe SECURITY_ANALYTICS = new PluginProbe("Security Analytics",
            "opensearch-security-analytics", "_plugins/_security_analytics", "/_plugins/_security_analytics/rules/categories");

    private final String title;
    private final String plugin;
    private final String apiPrefix;
    private final String endpoint;

    private PluginProbe(String title, String plugin, String apiPrefix, String endpoint) {
        this.title = title;
        this.plugin = plugin;
        this.apiPrefix = apiPrefix;
        this.endpoint = endpoint;
    }

    /** Human name, e.g. "Alerting". */
    public String title() {
        return title;
    }

    /** The plugin's name as {@code _cat/plugins} lists it, e.g. {@code opensearch-alerting}. */
    public String plugin() {
        return plugin;
    }

    /** The plugin's REST prefix, e.g. {@code _plugins/_alerting}. */
    public String apiPrefix() {
        return apiPrefix;
    }

    /** True when the plugin's endpoint answers on this cluster. */
    public boolean answers(OpenSearchClient client) throws IOException {
        OpenSearchGenericClient http = client.generic();
        try (Response response = http.execute(Requests.builder().endpoint(endpoint).method("GET").build())) {
            int status = response.getStatus();
            return status / 100 == 2 || status == 401 || status == 403;
        }
    }
}
