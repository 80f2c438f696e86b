package org.cloudtrailopensearch.loader.index;

/**
 * How documents are batched into {@code _bulk} requests.
 *
 * @param maxOperations      documents per request
 * @param maxBytes           request size at which a batch is sent early
 * @param concurrentRequests requests in flight; adding blocks beyond this (back-pressure)
 */
public record BulkSettings(int maxOperations, long maxBytes, int concurrentRequests) {

    public static BulkSettings defaults() {
        return new BulkSettings(1000, 5L * 1024 * 1024, 2);
    }

    public BulkSettings {
        if (maxOperations <= 0 || maxBytes <= 0 || concurrentRequests <= 0) {
            throw new IllegalArgumentException("bulk settings must be positive: " + maxOperations + ", "
                    + maxBytes + ", " + concurrentRequests);
        }
    }
}
