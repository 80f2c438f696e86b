package org.cloudtrailopensearch.digest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Walks one chain from its newest digest back to the oldest in range, following
 * {@code previousDigestS3Object} links and checking each link against the previous digest's actual bytes
 * and signature. Where the walk cannot follow a link it records a gap and continues with the next older
 * listed digest. The gap spans the whole unverifiable period, so two or more consecutive deleted digests show
 * up as one broken span from the surviving older digest to the surviving newer one (aws/aws-cli#7054 reports
 * only "not found" for the first and is silent about the rest).
 */
final class ChainWalker {

    /** A digest key found by listing. */
    record Listed(String key, DigestName name) {
    }

    /** What walking a chain produced. */
    record Outcome(ChainReport report, List<DigestRecord> records, Instant coveredFrom, Instant coveredTo) {
    }

    /** Digests read ahead of the walk per chain (small objects; overlaps S3 round-trips). */
    private static final int PREFETCH_WINDOW = 8;

    private final TrailSource source;
    private final DigestVerifier verifier;
    private final LogFileChecker logs;
    private final ExecutorService fetchPool;
    private final Instant requestedStart;

    ChainWalker(TrailSource source, DigestVerifier verifier, LogFileChecker logs, ExecutorService fetchPool,
                Instant requestedStart) {
        this.source = source;
        this.verifier = verifier;
        this.logs = logs;
        this.fetchPool = fetchPool;
        this.requestedStart = requestedStart;
    }

    Outcome walk(ChainId chain, List<Listed> listed) throws IOException {
        List<Listed> regular = listed.stream().filter(l -> !l.name().backfill())
                .sorted(Comparator.comparing((Listed l) -> l.name().endTime()).thenComparing(Listed::key).reversed())
                .toList();
        Instant keyFrom = listed.stream().map(l -> l.name().endTime()).min(Instant::compareTo).orElseThrow()
                .minus(Duration.ofHours(1));
        Instant keyTo = listed.stream().map(l -> l.name().endTime()).max(Instant::compareTo).orElseThrow();

        List<String> plannedOrder = new ArrayList<>(regular.stream().map(Listed::key).toList());
        listed.stream().filter(l -> l.name().backfill()).forEach(l -> plannedOrder.add(l.key()));
        DigestFetcher fetcher = new DigestFetcher(source, fetchPool, PREFETCH_WINDOW, plannedOrder);
        try {
            return walk(chain, listed, regular, fetcher, keyFrom, keyTo);
        } finally {
            fetcher.discardUnread();
        }
    }

    private Outcome walk(ChainId chain, List<Listed> listed, List<Listed> regular, DigestFetcher fetcher,
                         Instant keyFrom, Instant keyTo) throws IOException {
        List<DigestRecord> records = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        DigestRecord successor = null;
        String nextKey = null;
        DigestName nextName = null;
        while (true) {
            if (nextKey == null) {
                Optional<Listed> newestUnvisited = regular.stream().filter(l -> !visited.contains(l.key())).findFirst();
                if (newestUnvisited.isEmpty()) {
                    break;
                }
                nextKey = newestUnvisited.get().key();
                nextName = newestUnvisited.get().name();
                successor = null;
            }
            visited.add(nextKey);
            DigestRecord current = verifier.verify(fetcher, nextKey, nextName, keyFrom, keyTo);
            current.ownChecksPassed = current.failures.isEmpty();
            records.add(current);
            boolean linkBrokenHere = successor != null && checkLink(successor, current);
            if (!current.readable()) {
                Instant newerStart = successor != null ? successor.startTime : current.endTime;
                gaps.add(new Gap(Gap.Kind.CHAIN_BROKEN, olderEnd(regular, visited, newerStart), newerStart,
                        "digest " + source.locationOf(current.key) + (current.found ? " is unreadable" : " is missing")
                                + "; the chain cannot be followed past it"
                                + (linkBrokenHere ? successorVerifies(successor) : ""),
                        current.key, successor == null ? null : successor.key));
                nextKey = null;
                continue;
            }
            if (linkBrokenHere) {
                // The altered digest's own digestStartTime is not trustworthy: bound the gap by the next older
                // listed digest, as for a missing digest, and fall back to it only at the start of the listing.
                Instant olderEnd = olderEnd(regular, visited, successor.startTime);
                gaps.add(new Gap(Gap.Kind.CHAIN_BROKEN, olderEnd != null ? olderEnd : current.startTime, successor.startTime,
                        "digest " + source.locationOf(current.key) + " fails its own checks and differs from what "
                                + source.locationOf(successor.key) + " signed for it: it was altered or replaced after"
                                + " that digest was signed, so the log files it names are unproven"
                                + successorVerifies(successor),
                        current.key, successor.key));
            }
            scheduleLogs(current);
            String previousObject = current.text("previousDigestS3Object");
            if (previousObject == null) {
                Instant olderEnd = olderEnd(regular, visited, current.startTime);
                if (olderEnd != null) {
                    gaps.add(new Gap(Gap.Kind.CHAIN_RESTARTED, olderEnd, current.startTime,
                            "a new chain starts at " + source.locationOf(current.key)
                                    + ": no digests cover this period (logging or validation was off)"));
                }
                nextKey = null;
                continue;
            }
            if (requestedStart != null && current.startTime.isBefore(requestedStart)) {
                nextKey = null;
                continue;
            }
            Optional<String> previousKey = source.keyOf(current.text("previousDigestS3Bucket"), previousObject);
            if (previousKey.isEmpty()) {
                current.failures.add(new Failure(Check.PREVIOUS_DIGEST_LOCATION, source.describe(),
                        current.text("previousDigestS3Bucket") + "/" + previousObject, "previous digest not in the source"));
                gaps.add(new Gap(Gap.Kind.CHAIN_BROKEN, olderEnd(regular, visited, current.startTime), current.startTime,
                        "previous digest lies outside the validated source"));
                nextKey = null;
                continue;
            }
            if (visited.contains(previousKey.get())) {
                nextKey = null;
                continue;
            }
            successor = current;
            nextKey = previousKey.get();
            nextName = DigestName.parse(nextKey).orElse(null);
        }
        for (Listed backfill : listed) {
            if (backfill.name().backfill()) {
                DigestRecord record = verifier.verify(fetcher, backfill.key(), backfill.name(), keyFrom, keyTo);
                records.add(record);
                if (record.readable()) {
                    scheduleLogs(record);
                }
            }
        }
        Instant coveredFrom = records.stream().filter(DigestRecord::readable).map(r -> r.startTime)
                .min(Instant::compareTo).orElse(null);
        Instant coveredTo = records.stream().filter(DigestRecord::readable).map(r -> r.endTime)
                .max(Instant::compareTo).orElse(null);
        List<DigestResult> results = records.stream().map(r -> r.toResult(source)).toList();
        return new Outcome(new ChainReport(chain, results, gaps), records, coveredFrom, coveredTo);
    }

    /** End time of the newest listed, not yet visited digest that ends before {@code before}. */
    private static Instant olderEnd(List<Listed> regular, Set<String> visited, Instant before) {
        for (Listed candidate : regular) {
            if (!visited.contains(candidate.key()) && (before == null || candidate.name().endTime().isBefore(before)
                    || candidate.name().endTime().equals(before))) {
                return candidate.name().endTime();
            }
        }
        return null;
    }

    private String successorVerifies(DigestRecord successor) {
        return "; " + source.locationOf(successor.key) + " verifies on its own signature (it signed the original"
                + " previousDigestHashValue/previousDigestSignature), so it and the log files it names stay valid";
    }

    /**
     * Checks the link from {@code newer} to {@code older}: previousDigestHashValue against the older digest's
     * actual uncompressed bytes and previousDigestSignature against its signature metadata. CloudTrail's own
     * CLI checks neither.
     *
     * <p>Who a mismatch is pinned on follows from what the signatures prove. The newer digest's signature covers
     * its previousDigestHashValue and previousDigestSignature, so when the newer digest passes its own checks
     * and the older one does not, the older one was altered or replaced after the newer one was signed: the
     * mismatch is reported on the older digest ({@link Check#SUCCESSOR_LINK}) and the newer digest stays valid.
     * Otherwise (the older digest verifies on its own, so the newer one makes a false claim about it; or both
     * fail) the mismatch is reported on the newer digest as before.
     *
     * @return whether the mismatch was pinned on {@code older} (a broken link at {@code older})
     */
    private boolean checkLink(DigestRecord newer, DigestRecord older) {
        if (!older.found) {
            return false;
        }
        DigestLink.Compared compared = DigestLink.compare(new DigestLink.Claim(newer.text("previousDigestHashValue"),
                        newer.text("previousDigestHashAlgorithm"), newer.text("previousDigestSignature")),
                older.sha256, older.metadataSignature, source.locationOf(older.key));
        if (compared.unsupportedAlgorithm() != null) {
            newer.failures.add(compared.unsupportedAlgorithm());
        }
        List<Failure> mismatches = compared.mismatches();
        Failure location = source.isAt(older.key, newer.text("previousDigestS3Bucket"), newer.text("previousDigestS3Object"))
                ? null : new Failure(Check.PREVIOUS_DIGEST_LOCATION, source.expectedLocation(older.key),
                        newer.text("previousDigestS3Bucket") + "/" + newer.text("previousDigestS3Object"),
                        "previousDigestS3Bucket/Object");
        boolean pinOnOlder = DigestLink.pinOnOlder(mismatches, newer.ownChecksPassed, older.ownChecksPassed);
        if (!pinOnOlder) {
            newer.failures.addAll(mismatches);
        }
        if (location != null) {
            newer.failures.add(location);
        }
        if (pinOnOlder) {
            older.failures.addAll(DigestLink.successorLinkFailures(mismatches, source.locationOf(newer.key)));
        }
        return pinOnOlder;
    }

    private void scheduleLogs(DigestRecord digest) {
        int index = 0;
        for (JsonNode logFile : digest.json.get("logFiles")) {
            String object = logFile.path("s3Object").asText(null);
            if (object == null) {
                digest.failures.add(Failure.of(Check.DIGEST_FORMAT, "logFiles[" + index + "] has no s3Object"));
            } else {
                logs.submit(logFile.path("s3Bucket").asText(null), object, logFile.path("hashValue").asText(null),
                        logFile.path("hashAlgorithm").asText(null), digest.key);
            }
            index++;
        }
    }
}
