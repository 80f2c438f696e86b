package org.cloudtrailopensearch.loader.index;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._helpers.bulk.BulkIngester;
import org.opensearch.client.opensearch._helpers.bulk.BulkListener;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.transport.BackoffPolicy;
import org.opensearch.client.util.BinaryData;

/**
 * The sink: sends documents to OpenSearch through the client's {@link BulkIngester} and reports the outcome of
 * every one of them to {@link IndexOutcomes}. Documents carry explicit ids and use the {@code index} operation, so
 * loading the same record again replaces its document instead of adding a second one.
 *
 * @param <C> what the caller attaches to each document to recognise its outcome
 */
public final class BulkIndexer<C> implements AutoCloseable {

    private final BulkIngester<C> ingester;

    public BulkIndexer(OpenSearchClient client, BulkSettings settings, IndexOutcomes<C> outcomes) {
        this.ingester = BulkIngester.of(builder -> builder
                .client(client)
                .maxOperations(settings.maxOperations())
                .maxSize(settings.maxBytes())
                .maxConcurrentRequests(settings.concurrentRequests())
                .flushInterval(5, TimeUnit.SECONDS)
                // 429 "too many requests": wait and resend instead of dead-lettering a busy cluster's work.
                .backoffPolicy(BackoffPolicy.exponentialBackoff(200L, 8))
                .listener(new Outcomes<>(outcomes)));
    }

    /** Queues one document, given as its JSON bytes (sent as they are); blocks when the configured number of requests is already in flight. */
    public void index(String index, String id, byte[] document, C origin) {
        BinaryData body = BinaryData.of(document, "application/json");
        ingester.add(op -> op.index(idx -> idx.index(index).id(id).document(body)), origin);
    }

    /** True once a request gave up; this sink does not count retries itself, so never. */
    public boolean retryLimitReached() {
        return false;
    }

    /** Sends what is queued and waits for every response. */
    @Override
    public void close() {
        ingester.close();
    }

    private record Outcomes<C>(IndexOutcomes<C> outcomes) implements BulkListener<C> {

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<C> contexts) {
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<C> contexts, BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                ErrorCause error = item.error();
                if (error != null) {
                    outcomes.failed(contexts.get(i), IndexFailure.DOCUMENT_REJECTED,
                            item.status() + " " + error.type() + ": " + error.reason());
                } else {
                    outcomes.indexed(contexts.get(i), !"updated".equals(item.result()));
                }
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<C> contexts, Throwable failure) {
            for (C origin : contexts) {
                outcomes.failed(origin, IndexFailure.REQUEST_FAILED,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage());
            }
        }
    }
}
