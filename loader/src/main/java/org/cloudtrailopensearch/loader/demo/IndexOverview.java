package org.cloudtrailopensearch.loader.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch.core.SearchResponse;

/** A few aggregations over the loaded documents, so the demo ends with something a person can read. */
public final class IndexOverview {

    private final OpenSearchClient client;
    private final String index;

    public IndexOverview(OpenSearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public void print(PrintStream out) throws IOException {
        SearchResponse<Void> response = client.search(s -> s.index(index).size(0).trackTotalHits(t -> t.enabled(true))
                .aggregations("actions", a -> a.terms(t -> t.field("event.action").size(8)))
                .aggregations("accounts", a -> a.terms(t -> t.field("cloud.account.id").size(5)))
                .aggregations("outcomes", a -> a.terms(t -> t.field("event.outcome").size(3)))
                .aggregations("users", a -> a.terms(t -> t.field("user.name").size(5)))
                .aggregations("integrity", a -> a.terms(t -> t.field("aws.cloudtrail.log_file.integrity").size(6))),
                Void.class);
        out.println("What is in '" + index + "' now (" + response.hits().total().value() + " documents):");
        printTerms(out, "top actions", response, "actions");
        printTerms(out, "accounts", response, "accounts");
        printTerms(out, "top users", response, "users");
        printTerms(out, "outcomes", response, "outcomes");
        printTerms(out, "integrity", response, "integrity");
    }

    private static void printTerms(PrintStream out, String title, SearchResponse<Void> response, String name) {
        List<StringTermsBucket> buckets = response.aggregations().get(name).sterms().buckets().array();
        StringBuilder line = new StringBuilder(String.format("  %-12s", title + ":"));
        for (StringTermsBucket bucket : buckets) {
            line.append(' ').append(bucket.key()).append(" (").append(bucket.docCount()).append(')');
        }
        out.println(line);
    }
}
