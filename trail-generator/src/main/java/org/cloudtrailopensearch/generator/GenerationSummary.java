package org.cloudtrailopensearch.generator;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link TrailGenerator} run wrote.
 *
 * @param logFiles            number of gzipped CloudTrail log files
 * @param records             number of CloudTrail records across all log files
 * @param digestFiles         number of digest files (including empty-hour digests)
 * @param emptyDigestFiles    digests whose {@code logFiles} list is empty
 * @param compressedBytes     bytes written for log and digest objects (as stored)
 * @param uncompressedLogBytes uncompressed size of all log files (what a validator hashes)
 * @param accounts            account ids of the trail
 * @param regions             regions of the trail
 * @param start               start of the first digest window
 * @param end                 end of the last digest window
 * @param publicKeysLocation  where the ListPublicKeys-shaped key file was written
 * @param plantedRecords      records of the scripted incident (included in {@code records}); 0 without it
 * @param incidentStart       start of the incident hour, or null without {@code incident(true)}
 * @param incidentEnd         end of the incident hour (exclusive), or null without {@code incident(true)}
 * @param insightRecords      CloudTrail Insights records the incident set off, one per {@code CloudTrail-Insight/}
 *                            file; not in {@code logFiles} or {@code records} (they are not API calls, and no
 *                            digest names their files); 0 without the incident
 */
public record GenerationSummary(
        long logFiles,
        long records,
        long digestFiles,
        long emptyDigestFiles,
        long compressedBytes,
        long uncompressedLogBytes,
        List<String> accounts,
        List<String> regions,
        Instant start,
        Instant end,
        String publicKeysLocation,
        long plantedRecords,
        Instant incidentStart,
        Instant incidentEnd,
        long insightRecords) {

    public GenerationSummary {
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
    }

    @Override
    public String toString() {
        String text = String.format("%d log files (%d records, %.1f MB uncompressed), %d digest files (%d empty), "
                        + "%.1f MB stored, accounts %s, regions %s, %s .. %s, public keys: %s",
                logFiles, records, uncompressedLogBytes / 1e6, digestFiles, emptyDigestFiles,
                compressedBytes / 1e6, accounts, regions, start, end, publicKeysLocation);
        return incidentStart == null ? text
                : text + String.format(", incident %s .. %s (%d planted records, %d Insights records)", incidentStart,
                        incidentEnd, plantedRecords, insightRecords);
    }
}
