package org.cloudtrailopensearch.generator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * CloudTrail's S3 key layout for log, Insights and digest files, including the organisation-trail variant
 * ({@code AWSLogs/<o-id>/<account>/...}).
 */
final class TrailLayout {

    private static final DateTimeFormatter DAY_FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DIGEST_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String prefix;
    private final String organizationId;
    private final String trailName;
    private final String homeRegion;

    TrailLayout(String prefix, String organizationId, String trailName, String homeRegion) {
        this.prefix = prefix;
        this.organizationId = organizationId;
        this.trailName = trailName;
        this.homeRegion = homeRegion;
    }

    private String accountBase(String account) {
        return prefix + "AWSLogs/" + (organizationId == null ? "" : organizationId + "/") + account + "/";
    }

    /** {@code .../CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz} */
    String logKey(String account, String region, Instant delivered, String unique) {
        return accountBase(account) + "CloudTrail/" + region + "/" + DAY_FOLDERS.format(delivered) + "/"
                + account + "_CloudTrail_" + region + "_" + LOG_STAMP.format(delivered) + "_" + unique + ".json.gz";
    }

    /**
     * {@code .../CloudTrail-Insight/<region>/YYYY/MM/DD/<acct>_CloudTrail-Insight_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz}:
     * where CloudTrail delivers Insights events of a trail, beside its log files.
     */
    String insightKey(String account, String region, Instant delivered, String unique) {
        return accountBase(account) + "CloudTrail-Insight/" + region + "/" + DAY_FOLDERS.format(delivered) + "/"
                + account + "_CloudTrail-Insight_" + region + "_" + LOG_STAMP.format(delivered) + "_" + unique
                + ".json.gz";
    }

    /** {@code .../CloudTrail-Digest/<region>/YYYY/MM/DD/<acct>_CloudTrail-Digest_<region>_<trail>_<home>_<end>.json.gz} */
    String digestKey(String account, String region, Instant digestEnd) {
        return accountBase(account) + "CloudTrail-Digest/" + region + "/" + DAY_FOLDERS.format(digestEnd) + "/"
                + account + "_CloudTrail-Digest_" + region + "_" + trailName + "_" + homeRegion + "_"
                + DIGEST_STAMP.format(digestEnd) + ".json.gz";
    }
}
