package org.cloudtrailopensearch.loader.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.cloudtrailopensearch.loader.support.FakeHttpServer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Answer;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/** A target with several nodes: requests are spread over them and go on with the others while one is down. */
class SeveralNodesClientTest {

    private static int get(OpenSearchClient client) throws Exception {
        try (Response response = client.generic().execute(Requests.builder().endpoint("/").method("GET").build())) {
            return response.getStatus();
        }
    }

    @Test
    void requestsAreSpreadOverEveryNode() throws Exception {
        try (FakeHttpServer a = new FakeHttpServer(request -> Answer.json(200, "{}"));
                FakeHttpServer b = new FakeHttpServer(request -> Answer.json(200, "{}"))) {
            OpenSearchClient client = OpenSearchClientFactory.create(
                    OpenSearchTarget.builder().urls(List.of(a.url(), b.url())).build());
            for (int i = 0; i < 6; i++) {
                assertEquals(200, get(client));
            }
            client._transport().close();

            assertEquals(3, a.requests().size());
            assertEquals(3, b.requests().size());
        }
    }

    @Test
    void aNodeThatRefusesConnectionsOrAnswers503IsPassedOver() throws Exception {
        URI refusing;
        try (FakeHttpServer gone = new FakeHttpServer(request -> Answer.json(200, "{}"))) {
            refusing = gone.url();
        }
        try (FakeHttpServer recovering = new FakeHttpServer(request -> Answer.json(503, "{}"));
                FakeHttpServer up = new FakeHttpServer(request -> Answer.json(200, "{}"))) {
            OpenSearchClient client = OpenSearchClientFactory.create(
                    OpenSearchTarget.builder().urls(List.of(refusing, recovering.url(), up.url())).build());
            for (int i = 0; i < 6; i++) {
                assertEquals(200, get(client), "request " + i);
            }
            client._transport().close();

            assertEquals(6, up.requests().size());
            assertTrue(recovering.requests().size() >= 1, "the 503 node was tried, then set aside");
        }
    }
}
