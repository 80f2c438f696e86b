package org.cloudtrailopensearch.loader.report;

/**
 * Why a listed object was not loaded by this run. Sources add their own codes (a digest signature sidecar, a key
 * list, ...; see {@code Listing.SkippedObject}), which the report counts under their own names beside these.
 */
public enum ObjectSkipReason {
    /** An earlier run finished this very object (the load state says so). */
    ALREADY_LOADED,
    /** The object holds no records: 0 bytes, gzip of nothing, or only white space. */
    EMPTY_OBJECT
}
