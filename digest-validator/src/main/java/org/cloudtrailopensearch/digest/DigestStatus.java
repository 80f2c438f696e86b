package org.cloudtrailopensearch.digest;

/** Outcome for one digest file. */
public enum DigestStatus { VALID, INVALID, NOT_FOUND }
