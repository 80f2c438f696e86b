package org.cloudtrailopensearch.loader.index;

/** Why a document handed to the sink was not indexed. Stable names: they appear in dead letters and reports. */
public enum IndexFailure {
    /** The cluster refused this one document (e.g. {@code mapper_parsing_exception}). */
    DOCUMENT_REJECTED,
    /** The request carrying it kept failing until the retry limit. */
    REQUEST_FAILED
}
