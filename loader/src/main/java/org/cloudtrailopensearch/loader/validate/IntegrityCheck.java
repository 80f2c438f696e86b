package org.cloudtrailopensearch.loader.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.digest.IntegrityIndex;
import org.cloudtrailopensearch.digest.Summary;
import org.cloudtrailopensearch.digest.ValidationReport;
import software.amazon.awssdk.services.s3.S3Client;

/** The validate stage of {@code load}: validates each source before indexing and turns the verdicts into a policy. */
public final class IntegrityCheck {

    private final IntegrityMode mode;
    private final TrailValidation validation;

    public IntegrityCheck(IntegrityMode mode, TrailValidation validation) {
        this.mode = mode;
        this.validation = validation;
    }

    /** Validates every source (unless the mode is {@code OFF}) and reports a line per source on {@code out}. */
    public IntegrityPolicy run(List<String> sources, S3Client s3, PrintStream out) throws IOException {
        return run(sources, s3, out, UnaryOperator.identity());
    }

    /** @param scope narrows the validation to what the load selects (accounts, regions, organisation, time) */
    public IntegrityPolicy run(List<String> sources, S3Client s3, PrintStream out,
            UnaryOperator<DigestValidator.Builder> scope) throws IOException {
        if (mode == IntegrityMode.OFF) {
            return IntegrityPolicy.none();
        }
        List<IntegrityIndex> verdicts = new ArrayList<>();
        for (String source : sources) {
            ValidationReport report = validation.validate(source, s3, scope);
            Summary summary = report.summary();
            out.printf("Integrity of %s: %s - %d/%d digests valid, %d/%d log files valid, %d invalid, %d not found, "
                            + "%d in no digest, %d chain breaks%n",
                    source, report.result(), summary.digestsValid(), summary.digestsTotal(), summary.logFilesValid(),
                    summary.logFilesTotal(), summary.logFilesInvalid(), summary.logFilesNotFound(),
                    summary.logFilesUnreferenced(), summary.chainBreaks());
            verdicts.add(report.integrity());
        }
        out.println(mode == IntegrityMode.REFUSE
                ? "Only log files proven unaltered are indexed; the records of the others are counted as skipped."
                : "Every document carries its log file's verdict in aws.cloudtrail.log_file.integrity.");
        return IntegrityPolicy.of(mode, verdicts);
    }
}
