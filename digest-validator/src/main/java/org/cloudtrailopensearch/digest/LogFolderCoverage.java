package org.cloudtrailopensearch.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The part of one account/region log folder that the search for unreferenced files covered: the folders it
 * listed and the period the validated digests cover. A file in it that no digest names is
 * {@link IntegrityStatus#NOT_IN_ANY_DIGEST}, whether it was there when the folder was listed or came later.
 */
final class LogFolderCoverage {

    private final List<String> listedFolders;
    private final Set<String> listedFolderSet;
    private final Instant from;
    private final Instant to;

    /**
     * @param listedFolders folders listed (each ends with {@code /}): the region folder, or its day folders
     * @param from          start of the covered period
     * @param to            end of the covered period
     */
    LogFolderCoverage(List<String> listedFolders, Instant from, Instant to) {
        this.listedFolders = List.copyOf(listedFolders);
        this.listedFolderSet = Set.copyOf(listedFolders);
        this.from = from;
        this.to = to;
    }

    List<String> listedFolders() {
        return listedFolders;
    }

    Instant from() {
        return from;
    }

    Instant to() {
        return to;
    }

    /** Whether {@code key} (relative to the source root) lies in a listed folder and was delivered in the period. */
    boolean covers(String key) {
        return inListedFolder(key) && deliveredWithin(key);
    }

    private boolean inListedFolder(String key) {
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
            if (listedFolderSet.contains(key.substring(0, slash + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Files in the boundary minutes are left out: a file named for the minute a digest ends may belong to the
     * next digest.
     */
    boolean deliveredWithin(String key) {
        var minute = LogFileName.deliveryMinute(key);
        if (minute.isPresent()) {
            return !minute.get().isBefore(from) && !minute.get().plusSeconds(60).isAfter(to);
        }
        // Not named like a CloudTrail log: judge by its day folder, erring on the side of reporting it.
        return LogFileName.dayFolder(key)
                .map(day -> day.isBefore(to) && day.plus(Duration.ofDays(1)).isAfter(from))
                .orElse(true);
    }
}
