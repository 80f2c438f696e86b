package org.cloudtrailopensearch.loader.index;

/**
 * Where the {@link BulkSink} reports what became of each document. Called on the sink's sender threads, so
 * implementations must be thread-safe. Every document handed to the sink gets exactly one call.
 *
 * @param <C> what the caller attached to the document to recognise it (e.g. the source record)
 */
public interface IndexOutcomes<C> {

    /** The cluster acknowledged the document; {@code created} false: it replaced one with the same id. */
    void indexed(C origin, boolean created);

    /** The document was not indexed: rejected by the cluster, or its request kept failing until the retry limit. */
    void failed(C origin, IndexFailure failure, String message);
}
