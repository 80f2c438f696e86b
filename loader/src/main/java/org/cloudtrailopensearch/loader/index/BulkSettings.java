package org.cloudtrailopensearch.loader.index;

import java.util.Objects;

/**
 * How documents are batched into {@code _bulk} requests and how failing requests are retried.
 *
 * @param maxOperations      documents per request
 * @param maxBytes           request size at which a batch is sent early
 * @param concurrentRequests requests in flight (including those waiting to retry); adding blocks beyond this
 * @param retry              how failing requests are sent again
 */
public record BulkSettings(int maxOperations, long maxBytes, int concurrentRequests, RetryPolicy retry) {

    public static BulkSettings defaults() {
        return new BulkSettings(1000, 5L * 1024 * 1024, 2, RetryPolicy.defaults());
    }

    public BulkSettings {
        if (maxOperations <= 0 || maxBytes <= 0 || concurrentRequests <= 0) {
            throw new IllegalArgumentException("bulk settings must be positive: " + maxOperations + ", "
                    + maxBytes + ", " + concurrentRequests);
        }
        Objects.requireNonNull(retry, "retry");
    }

    /** With the default retry policy. */
    public BulkSettings(int maxOperations, long maxBytes, int concurrentRequests) {
        this(maxOperations, maxBytes, concurrentRequests, RetryPolicy.defaults());
    }

    public BulkSettings withRetry(RetryPolicy retry) {
        return new BulkSettings(maxOperations, maxBytes, concurrentRequests, retry);
    }
}
