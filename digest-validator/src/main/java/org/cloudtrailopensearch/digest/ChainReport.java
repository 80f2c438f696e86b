package org.cloudtrailopensearch.digest;

import java.util.List;

/** Digests of one chain (newest first, backfill digests last) and its gaps. */
public record ChainReport(ChainId chain, List<DigestResult> digests, List<Gap> gaps) {

    public ChainReport {
        digests = List.copyOf(digests);
        gaps = List.copyOf(gaps);
    }
}
