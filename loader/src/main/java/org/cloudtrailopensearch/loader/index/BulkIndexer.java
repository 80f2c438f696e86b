package org.cloudtrailopensearch.loader.index;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cloudtrailopensearch.loader.LoadCounters;
import org.cloudtrailopensearch.loader.deadletter.DeadLetter;
import org.cloudtrailopensearch.loader.deadletter.DeadLetterWriter;
import org.cloudtrailopensearch.loader.read.SourceRecord;
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
 * The sink: sends documents to OpenSearch through the client's {@link BulkIngester} and accounts for
 * every one of them. Documents carry explicit ids and use the {@code index} operation, so loading the
 * same record again replaces its document instead of adding a second one. A document the cluster
 * rejects, or a request that fails after retries, goes to the dead-letter file with the reason.
 */
public final class BulkIndexer implements AutoCloseable {

    private final BulkIngester<SourceRecord> ingester;

    public BulkIndexer(OpenSearchClient client, BulkSettings settings, LoadCounters counters,
            DeadLetterWriter deadLetters) {
        this(client, settings, counters, deadLetters, record -> { });
    }

    /** @param settled told about each document once it is counted as indexed or dead-lettered (on client threads) */
    public BulkIndexer(OpenSearchClient client, BulkSettings settings, LoadCounters counters,
            DeadLetterWriter deadLetters, Consumer<SourceRecord> settled) {
        this.ingester = BulkIngester.of(builder -> builder
                .client(client)
                .maxOperations(settings.maxOperations())
                .maxSize(settings.maxBytes())
                .maxConcurrentRequests(settings.concurrentRequests())
                .flushInterval(5, TimeUnit.SECONDS)
                // 429 "too many requests": wait and resend instead of dead-lettering a busy cluster's work.
                .backoffPolicy(BackoffPolicy.exponentialBackoff(200L, 8))
                .listener(new Accounting(counters, deadLetters, settled)));
    }

    /** Queues one document, given as its JSON bytes (sent as they are); blocks when the configured number of requests is already in flight. */
    public void index(String index, String id, byte[] document, SourceRecord origin) {
        BinaryData body = BinaryData.of(document, "application/json");
        ingester.add(op -> op.index(idx -> idx.index(index).id(id).document(body)), origin);
    }

    /** Sends what is queued and waits for every response. */
    @Override
    public void close() {
        ingester.close();
    }

    private static final class Accounting implements BulkListener<SourceRecord> {
        private final LoadCounters counters;
        private final DeadLetterWriter deadLetters;
        private final Consumer<SourceRecord> settled;

        Accounting(LoadCounters counters, DeadLetterWriter deadLetters, Consumer<SourceRecord> settled) {
            this.counters = counters;
            this.deadLetters = deadLetters;
            this.settled = settled;
        }

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<SourceRecord> contexts) {
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<SourceRecord> contexts,
                BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                ErrorCause error = item.error();
                if (error != null) {
                    reject(contexts.get(i), "INDEX_REJECTED", item.status() + " " + error.type() + ": " + error.reason());
                } else if ("updated".equals(item.result())) {
                    counters.updated();
                } else {
                    counters.created();
                }
                settled.accept(contexts.get(i));
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<SourceRecord> contexts,
                Throwable failure) {
            for (SourceRecord record : contexts) {
                reject(record, "BULK_REQUEST_FAILED", failure.getClass().getSimpleName() + ": " + failure.getMessage());
                settled.accept(record);
            }
        }

        private void reject(SourceRecord record, String reason, String message) {
            deadLetters.write(DeadLetter.of(record, "index", reason, message));
            counters.deadLettered(reason);
        }
    }
}
