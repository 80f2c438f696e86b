package org.cloudtrailopensearch.digest;

/** An object found by listing: its key relative to the source root and its stored size. */
public record ListedObject(String key, long size) {
}
