package org.cloudtrailopensearch.loader.source;

import java.util.Locale;

/** Which listed objects hold CloudTrail records, shared by the local and the S3 source. */
public final class LogObjectNames {

    /** Reasons a listed object is not loaded (stable codes, counted in the load summary). */
    static final String DIGEST_SIGNATURE_SIDECAR = "DIGEST_SIGNATURE_SIDECAR";
    static final String PUBLIC_KEYS = "PUBLIC_KEYS";
    static final String NOT_A_LOG_FILE = "NOT_A_LOG_FILE";
    static final String EMPTY_OBJECT = "EMPTY_OBJECT";

    private LogObjectNames() {
    }

    /**
     * Why a listed object is passed over, or null when it is loaded: records are in {@code .json},
     * {@code .ndjson} and {@code .jsonl} files (gzipped or not), except the files this project writes beside a
     * trail (digest signature sidecars, public key lists).
     *
     * @param size the stored size; 0 is an empty object (CloudTrail never writes one), -1 unknown
     */
    public static String skipReason(String name, long size) {
        String lower = name.toLowerCase(Locale.ROOT);
        String fileName = lower.substring(lower.lastIndexOf('/') + 1);
        if (fileName.endsWith(".metadata.json")) {
            return DIGEST_SIGNATURE_SIDECAR;
        }
        if (fileName.equals("public-keys.json")) {
            return PUBLIC_KEYS;
        }
        String withoutGzip = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        if (!withoutGzip.endsWith(".json") && !withoutGzip.endsWith(".ndjson") && !withoutGzip.endsWith(".jsonl")) {
            return NOT_A_LOG_FILE;
        }
        return size == 0 ? EMPTY_OBJECT : null;
    }
}
