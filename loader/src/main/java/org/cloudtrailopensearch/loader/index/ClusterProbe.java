package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Asks the cluster {@code GET /} before a command starts its work, so that a wrong URL, an untrusted certificate
 * or refused credentials end the command at once with one {@link ClusterFailure} line, not halfway through a load.
 */
public final class ClusterProbe {

    private ClusterProbe() {
    }

    /**
     * Returns when the cluster answered and accepted the credentials. Any answer but 401 and 403 counts as
     * reachable: Amazon OpenSearch Serverless, for one, has no {@code GET /} and answers 404.
     */
    public static void check(OpenSearchClient client, OpenSearchTarget target) throws ClusterFailure {
        try (Response response = client.generic().execute(Requests.builder().method("GET").endpoint("/").build())) {
            int status = response.getStatus();
            if (status == 401 || status == 403) {
                throw new ClusterFailure.ClusterStatusException(status, response.getReason());
            }
        } catch (IOException | RuntimeException e) {
            throw ClusterFailure.classify(target.url(), e).orElseGet(() -> ClusterFailure.unclassified(target.url(), e));
        }
    }
}
