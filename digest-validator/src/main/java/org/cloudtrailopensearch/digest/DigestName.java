package org.cloudtrailopensearch.digest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a digest file name:
 * {@code <acct>_CloudTrail-Digest_<region>_<trail>_<home-region>_<YYYYMMDDTHHMMSSZ>[_backfill].json.gz}.
 * The timestamp is the digest end time. Trail names may contain underscores, so the trail is whatever lies
 * between the delivery region and the last two tokens.
 */
record DigestName(String accountId, String region, String trailName, String homeRegion, Instant endTime,
                  boolean backfill) {

    private static final Pattern NAME = Pattern.compile(
            "^(\\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\\d{8}T\\d{6}Z)(_backfill)?\\.json\\.gz$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    static Optional<DigestName> parse(String key) {
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Instant end = LocalDateTime.parse(matcher.group(5), STAMP).toInstant(ZoneOffset.UTC);
            return Optional.of(new DigestName(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
                    end, matcher.group(6) != null));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
