package org.cloudtrailopensearch.loader.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.digest.LogFileExpectations;
import org.cloudtrailopensearch.digest.Summary;
import org.cloudtrailopensearch.digest.ValidationReport;
import org.cloudtrailopensearch.loader.report.ChainResult;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The validate stage of {@code load}, first half: validates each source's digest chain (signatures, links, which
 * log files the digests name and their hashes) without opening a log file. The second half happens while loading:
 * each log object is hashed as it is read ({@link HashedCopy}) and judged by {@link IntegrityPolicy#judge}, so
 * every log file is read once, and the verdict belongs to the bytes indexed.
 */
public final class IntegrityCheck {

    private final IntegrityMode mode;
    private final TrailValidation validation;

    public IntegrityCheck(IntegrityMode mode, TrailValidation validation) {
        this.mode = mode;
        this.validation = validation;
    }

    /** Validates every source's chain (unless the mode is {@code OFF}) and reports a line per source on {@code out}. */
    public IntegrityPolicy run(List<String> sources, S3Client s3, PrintStream out) throws IOException {
        return run(sources, s3, out, UnaryOperator.identity());
    }

    /** @param scope narrows the validation to what the load selects (accounts, regions, organisation, time) */
    public IntegrityPolicy run(List<String> sources, S3Client s3, PrintStream out,
            UnaryOperator<DigestValidator.Builder> scope) throws IOException {
        if (mode == IntegrityMode.OFF) {
            return IntegrityPolicy.none();
        }
        List<LogFileExpectations> expectations = new ArrayList<>();
        List<ChainResult> chains = new ArrayList<>();
        for (String source : sources) {
            ValidationReport report = validation.validate(source, s3, builder -> scope.apply(builder.hashLogFiles(false)));
            Summary summary = report.summary();
            ChainResult chain = new ChainResult(source, report.result().name(), summary.digestsValid(),
                    summary.digestsTotal(), summary.chainBreaks(), summary.logFilesTotal(), summary.logFilesNotFound(),
                    summary.logFilesUnreferenced());
            out.printf("Digest chain of %s: %s - %d/%d digests valid, %d chain breaks, %d log files named (%d not found, "
                            + "%d in no digest); each log file is hashed as it is loaded%n",
                    source, chain.result(), chain.digestsValid(), chain.digestsTotal(), chain.chainBreaks(),
                    chain.logFilesNamed(), chain.logFilesNotFound(), chain.logFilesInNoDigest());
            expectations.add(report.expectations());
            chains.add(chain);
        }
        out.println(mode == IntegrityMode.REFUSE
                ? "Only log files proven unaltered are indexed; the records of the others are counted as skipped."
                : "Every document carries its log file's verdict in aws.cloudtrail.log_file.integrity.");
        return IntegrityPolicy.of(mode, expectations, chains);
    }
}
