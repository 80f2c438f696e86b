package org.cloudtrailopensearch.loader.index;

/**
 * Where the sink reports what became of each document it was handed: exactly one call per document. Called on
 * client threads, so implementations are thread-safe.
 *
 * @param <C> what the caller attached to the document to recognise it (its record, its object, ...)
 */
public interface IndexOutcomes<C> {

    /** @param created true for a new document, false when it replaced one with the same id */
    void indexed(C origin, boolean created);

    /** After retries, or at once when retrying cannot help. */
    void failed(C origin, IndexFailure failure, String message);
}
