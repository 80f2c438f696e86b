package org.cloudtrailopensearch.loader.support;

import java.io.IOException;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Answer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Request;

/**
 * Just enough of an OpenSearch REST API for the setup steps: templates are accepted, plugins answer or not as
 * configured, and monitors are created. Unknown paths get OpenSearch's "no handler found" 400.
 */
public final class FakeCluster {

    private FakeCluster() {
    }

    /** A cluster with or without the Alerting plugin; no ISM, no Security Analytics. */
    public static FakeHttpServer start(boolean alerting) throws IOException {
        return new FakeHttpServer(r -> answer(r, alerting));
    }

    private static Answer answer(Request r, boolean alerting) {
        String call = r.method() + " " + r.path();
        if (r.method().equals("PUT") && (r.path().startsWith("/_component_template/") || r.path().startsWith("/_index_template/"))) {
            return Answer.json(200, "{\"acknowledged\":true}");
        }
        if (alerting) {
            switch (call) {
                case "GET /_plugins/_alerting/monitors/alerts":
                    return Answer.json(200, "{\"alerts\":[],\"totalAlerts\":0}");
                case "POST /_plugins/_alerting/monitors/_search":
                    return Answer.json(404, "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such index\"},\"status\":404}");
                case "POST /_plugins/_alerting/monitors":
                    return Answer.json(201, "{\"_id\":\"m-" + r.body().length + "\"}");
                default:
                    break;
            }
        }
        return Answer.json(400, "{\"error\":\"no handler found for uri [" + r.path() + "] and method [" + r.method() + "]\"}");
    }
}
