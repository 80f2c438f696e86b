package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * A JSON request for which the typed client has no model (saved monitor bodies, painless execute, arbitrary
 * aggregations), sent as it is through the client's generic API, so it gets the client's TLS and credentials.
 */
public final class JsonCalls {

    private JsonCalls() {
    }

    /**
     * Sends {@code json} (or no body when null) and returns the response body.
     *
     * @throws IOException on a transport failure or any status other than 2xx (the message holds the node's answer)
     */
    public static String call(OpenSearchGenericClient http, String method, String endpoint, String json) throws IOException {
        Requests.JsonBodyBuilder request = Requests.builder().endpoint(endpoint).method(method);
        if (json != null) {
            request.json(json);
        }
        try (Response response = http.execute(request.build())) {
            String body = response.getBody().map(b -> b.bodyAsString()).orElse("");
            if (response.getStatus() / 100 != 2) {
                throw new IOException(method + " " + endpoint + " failed with HTTP " + response.getStatus() + ": " + body);
            }
            return body;
        }
    }
}
