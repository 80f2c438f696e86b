package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import java.io.PrintStream;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.cloudtrailopensearch.templates.ComponentTemplate;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Installs the component templates, the index template and (where the ISM plugin is present) the
 * lifecycle policy from the {@code index-templates} module. Idempotent: it PUTs the same bodies again.
 */
public final class IndexSetup {

    private final OpenSearchGenericClient http;

    /** Every cluster gets the same templates: replicas auto-expand with the number of data nodes. */
    public IndexSetup(OpenSearchClient client) {
        this.http = client.generic();
    }

    /**
     * @deprecated the single-node template is gone (one template fits every cluster now); kept so that callers
     *             on parallel branches still compile. Remove after the session-6 merge.
     */
    @Deprecated(forRemoval = true)
    public IndexSetup(OpenSearchClient client, boolean singleNode) {
        this(client);
    }

    /** Applies everything and reports each step on {@code log}. */
    public void apply(PrintStream log) throws IOException {
        for (ComponentTemplate component : CloudTrailIndexTemplates.componentTemplates()) {
            put("/_component_template/" + component.name(), component.json());
        }
        put("/_index_template/" + CloudTrailIndexTemplates.indexTemplateName(), CloudTrailIndexTemplates.indexTemplateJson());
        log.println("Index templates installed: " + CloudTrailIndexTemplates.indexTemplateName() + " (version "
                + CloudTrailIndexTemplates.version() + ") for " + CloudTrailIndexTemplates.indexPattern()
                + ", read alias " + CloudTrailIndexTemplates.readAlias());
        if (ismAvailable()) {
            put("/_plugins/_ism/policies/" + CloudTrailIndexTemplates.lifecyclePolicyName(),
                    CloudTrailIndexTemplates.lifecyclePolicyJson(), 409);
            log.println("Lifecycle policy installed: " + CloudTrailIndexTemplates.lifecyclePolicyName());
        } else {
            log.println("Lifecycle policy skipped: the cluster has no Index State Management plugin");
        }
    }

    private boolean ismAvailable() throws IOException {
        try (Response response = http.execute(Requests.builder().endpoint("/_plugins/_ism/policies").method("GET").build())) {
            return response.getStatus() == 200;
        }
    }

    /** PUTs a JSON body; statuses in {@code alsoAccepted} count as done (e.g. 409: the policy exists). */
    private void put(String endpoint, String json, int... alsoAccepted) throws IOException {
        try (Response response = http.execute(Requests.builder().endpoint(endpoint).method("PUT").json(json).build())) {
            int status = response.getStatus();
            if (status / 100 == 2) {
                return;
            }
            for (int accepted : alsoAccepted) {
                if (status == accepted) {
                    return;
                }
            }
            String body = response.getBody().map(b -> b.bodyAsString()).orElse("");
            throw new IOException("PUT " + endpoint + " failed with HTTP " + status + ": " + body);
        }
    }
}
