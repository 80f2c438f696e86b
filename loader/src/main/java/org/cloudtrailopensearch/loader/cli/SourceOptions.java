package org.cloudtrailopensearch.loader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObjectSource;
import org.cloudtrailopensearch.loader.source.S3Location;
import org.cloudtrailopensearch.loader.source.S3LogObjectSource;
import org.cloudtrailopensearch.loader.source.StdinLogObjectSource;
import org.cloudtrailopensearch.loader.state.FileLoadState;
import org.cloudtrailopensearch.loader.state.LoadState;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** What {@code load} reads (stdin, folders, S3 prefixes) and how it resumes ({@code --state}). */
public final class SourceOptions {

    @Option(names = "--state", paramLabel = "FILE",
            description = {"Remember finished log objects (name, size, ETag or modification time) in FILE, and skip "
                    + "the ones it lists: after a crash, the same command loads only what was not finished.",
                    "The summary counts skipped objects as ALREADY_LOADED."})
    Path stateFile;

    @Option(names = "--restart", description = "Ignore what the --state file lists and start it afresh.")
    boolean restart;

    /** Problems with the options that parsing cannot see, or null. */
    String problem(List<String> sources, boolean integrity) {
        long stdinSources = sources.stream().filter(StdinLogObjectSource::isStdin).count();
        if (stdinSources > 1) {
            return "'-' (stdin) can be given once";
        }
        if (stdinSources == 1 && integrity) {
            return "--verify-integrity needs files or S3 objects named by digests; stdin has no name";
        }
        if (restart && stateFile == null) {
            return "--restart needs --state FILE";
        }
        return null;
    }

    /** The load state the options name (opened; the caller closes it), or one that remembers nothing. */
    LoadState openState() throws IOException {
        return stateFile == null ? LoadState.none() : FileLoadState.open(stateFile, restart);
    }

    LogObjectSource sourceFor(String argument, S3Client s3Client, InputStream stdin) {
        if (StdinLogObjectSource.isStdin(argument)) {
            return new StdinLogObjectSource(stdin);
        }
        if (S3Location.isS3(argument)) {
            S3Location location = S3Location.parse(argument);
            return new S3LogObjectSource(s3Client, location.bucket(), location.prefix());
        }
        return new LocalLogObjectSource(Path.of(argument));
    }
}
