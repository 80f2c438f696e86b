package org.cloudtrailopensearch.loader.queue;

import java.util.regex.Pattern;
import org.cloudtrailopensearch.loader.source.LogObjectNames;

/**
 * Which notified keys are CloudTrail's: a log, Insights or digest file in CloudTrail's key layout
 * ({@code [prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail[-Digest|-Insight]/REGION/YYYY/MM/DD/FILE}) that the batch
 * load would read too ({@link LogObjectNames}). A bucket notification may cover more than the trail (other prefixes,
 * the digest signature files this project writes), and those must not become dead letters.
 */
public final class CloudTrailKeys {

    /** A key outside CloudTrail's layout. */
    public static final String NOT_CLOUDTRAIL_KEY = "NOT_CLOUDTRAIL_KEY";

    private static final Pattern LAYOUT = Pattern.compile(
            "(?:.*/)?AWSLogs/(?:o-[a-z0-9]{10,32}/)?\\d{12}/CloudTrail(?:-Digest|-Insight)?/[a-z0-9-]+/\\d{4}/\\d{2}/\\d{2}/[^/]+");

    private CloudTrailKeys() {
    }

    /** Why the object is not loaded, or null when it is. @param size its stored size, -1 unknown */
    public static String ignoreReason(String key, long size) {
        if (!LAYOUT.matcher(key).matches()) {
            return NOT_CLOUDTRAIL_KEY;
        }
        return LogObjectNames.skipReason(key, size);
    }

    /** The key from {@code AWSLogs/} on: the object's key relative to the trail's root, as integrity lookups use it. */
    public static String layoutKey(String key) {
        int root = key.startsWith("AWSLogs/") ? 0 : key.indexOf("/AWSLogs/") + 1;
        return key.substring(root);
    }
}
