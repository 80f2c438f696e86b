package org.cloudtrailopensearch.loader.source;

import java.util.Locale;

/** Which object names hold CloudTrail records, shared by the local and the S3 source. */
final class LogObjectNames {

    private LogObjectNames() {
    }

    /**
     * True for {@code .json}, {@code .json.gz}, {@code .ndjson}, {@code .jsonl} (optionally gzipped), but not
     * for the files this project writes beside a trail: digest signature sidecars and public key lists.
     */
    static boolean holdsRecords(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String fileName = lower.substring(lower.lastIndexOf('/') + 1);
        if (fileName.endsWith(".metadata.json") || fileName.equals("public-keys.json")) {
            return false;
        }
        String withoutGzip = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        return withoutGzip.endsWith(".json") || withoutGzip.endsWith(".ndjson") || withoutGzip.endsWith(".jsonl");
    }
}
