package org.cloudtrailopensearch.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.search.Hit;

/** Small queries the tests use to look at what was indexed. */
public final class Searches {

    private Searches() {
    }

    public static List<Hit<ObjectNode>> termQuery(OpenSearchClient client, String index, String field, String value)
            throws IOException {
        return client.search(s -> s.index(index).size(100)
                        .query(q -> q.term(t -> t.field(field).value(FieldValue.of(value)))), ObjectNode.class)
                .hits().hits();
    }

    public static long count(OpenSearchClient client, String index) throws IOException {
        return client.count(c -> c.index(index)).count();
    }

    /** The documents whose {@code field} has the exact (keyword) {@code value}. */
    public static long count(OpenSearchClient client, String index, String field, String value) throws IOException {
        return client.count(c -> c.index(index).query(q -> q.term(t -> t.field(field).value(FieldValue.of(value)))))
                .count();
    }
}
