package org.cloudtrailopensearch.loader.index;

/** Why the {@link BulkSink} could not index a document. The names are the dead-letter reasons. */
public enum IndexFailure {
    /** The cluster refused this document and would refuse it again (e.g. {@code mapper_parsing_exception}). */
    DOCUMENT_REJECTED,
    /** The request kept failing (unreachable, overloaded, timing out) until the retry limit, or failed in a way retrying cannot fix. */
    REQUEST_FAILED
}
