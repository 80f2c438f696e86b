package org.cloudtrailopensearch.digest;

import java.util.List;

/**
 * Human-readable report in the spirit of {@code aws cloudtrail validate-logs}: one line per problem (and per
 * valid file when verbose), the reason and expected vs actual values, then summary counts.
 */
public final class TextReportRenderer {

    private TextReportRenderer() {
    }

    public static String render(ValidationReport report, boolean verbose) {
        StringBuilder out = new StringBuilder();
        out.append("Validating ").append(report.source()).append(" between ")
                .append(report.requestedStart() == null ? "the oldest digest" : report.requestedStart()).append(" and ")
                .append(report.requestedEnd() == null ? "the newest digest" : report.requestedEnd()).append('\n');
        out.append("Public keys: ").append(report.publicKeys()).append("\n\n");
        for (ChainReport chain : report.chains()) {
            out.append("Chain ").append(chain.chain()).append(": ").append(chain.digests().size()).append(" digest file(s)\n");
            for (DigestResult digest : chain.digests()) {
                if (verbose || digest.status() != DigestStatus.VALID) {
                    out.append(digest.backfill() ? "(backfill) Digest file\t" : "Digest file\t").append(digest.location())
                            .append('\t').append(statusText(digest.status().name(), digest.failures()))
                            .append(digest.empty() && digest.status() == DigestStatus.VALID ? " (empty: no log files delivered)" : "")
                            .append('\n');
                    details(out, digest.failures());
                }
            }
            for (Gap gap : chain.gaps()) {
                // A break pinned on a digest that exists but cannot be verified: the period has a digest, an unprovable one.
                boolean unverifiable = gap.kind() == Gap.Kind.CHAIN_BROKEN && chain.digests().stream()
                        .anyMatch(d -> d.key().equals(gap.digestKey()) && d.status() == DigestStatus.INVALID);
                out.append(gap.kind() == Gap.Kind.CHAIN_RESTARTED ? "Gap\t" : "Chain broken\t")
                        .append(unverifiable ? "No verifiable digest covers " : "No digests cover ").append(gap.from() == null ? "?" : gap.from()).append(" to ")
                        .append(gap.to() == null ? "?" : gap.to()).append(": ").append(gap.detail()).append('\n');
            }
        }
        for (LogFileResult log : report.logFiles()) {
            boolean unremarkable = log.status() == LogFileStatus.NOT_CHECKED
                    || (log.status() == LogFileStatus.VALID && log.integrity() == IntegrityStatus.VALID);
            if (verbose || !unremarkable) {
                out.append("Log file\t").append(log.location()).append('\t')
                        .append(statusText(log.status().name(), log.failures()));
                if (log.status() == LogFileStatus.VALID && log.integrity() != IntegrityStatus.VALID) {
                    out.append(" (but ").append(log.integrity()).append(": the digest naming it is not valid)");
                }
                out.append('\n');
                details(out, log.failures());
            }
        }
        Summary s = report.summary();
        if (report.result() == ValidationReport.Result.NO_DIGESTS) {
            out.append("No digest files found: expected AWSLogs/[<o-id>/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/"
                    + "*.json.gz directly below ").append(report.source())
                    .append(" (matching the filters and time range). Nothing could be proven.\n");
        }
        out.append('\n').append("Results for ").append(s.chains()).append(" chain(s):\n");
        out.append(String.format("  %d/%d digest files valid, %d INVALID, %d not found (%d empty)%n",
                s.digestsValid(), s.digestsTotal(), s.digestsInvalid(), s.digestsNotFound(), s.emptyDigests()));
        if (s.backfillDigestsValid() + s.backfillDigestsInvalid() > 0) {
            out.append(String.format("  %d/%d backfill digest files valid%n", s.backfillDigestsValid(),
                    s.backfillDigestsValid() + s.backfillDigestsInvalid()));
        }
        if (report.logFilesHashed()) {
            out.append(String.format("  %d/%d log files valid, %d INVALID, %d not found%n",
                    s.logFilesValid(), s.logFilesTotal(), s.logFilesInvalid(), s.logFilesNotFound()));
        } else {
            out.append(String.format("  %d log files named by the digests, not hashed (chain-only validation:"
                    + " their bytes were not read); %d INVALID, %d not found without reading them%n",
                    s.logFilesTotal(), s.logFilesInvalid(), s.logFilesNotFound()));
        }
        out.append(String.format("  %d log files present but named by no digest%n", s.logFilesUnreferenced()));
        out.append(String.format("  %d chain restart(s), %d chain break(s)%n", s.chainRestarts(), s.chainBreaks()));
        if (report.logFilesHashed()) {
            out.append(String.format("  %.1f MB of uncompressed log data hashed%n", s.uncompressedBytesHashed() / 1e6));
        }
        out.append("Result: ").append(report.result()).append('\n');
        return out.toString();
    }

    private static String statusText(String status, List<Failure> failures) {
        if (failures.isEmpty()) {
            return status.equals("VALID") ? "valid" : status;
        }
        Failure first = failures.get(0);
        String label = status.equals("NOT_FOUND") ? "INVALID: not found" : status + ": " + first.check().description();
        return label + " [" + first.check() + "]" + (failures.size() > 1 ? " (+" + (failures.size() - 1) + " more)" : "");
    }

    private static void details(StringBuilder out, List<Failure> failures) {
        for (Failure failure : failures) {
            out.append("    ").append(failure.check());
            if (failure.detail() != null) {
                out.append(": ").append(failure.detail());
            }
            if (failure.expected() != null || failure.actual() != null) {
                out.append(" (expected ").append(failure.expected()).append(", actual ").append(failure.actual()).append(')');
            }
            out.append('\n');
        }
    }
}
