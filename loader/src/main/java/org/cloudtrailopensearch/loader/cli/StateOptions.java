package org.cloudtrailopensearch.loader.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.cloudtrailopensearch.loader.state.FileLoadState;
import org.cloudtrailopensearch.loader.state.LoadState;
import picocli.CommandLine.Option;

/** Which finished objects are remembered ({@code --state}), for {@code load} and {@code worker}. */
public final class StateOptions {

    @Option(names = "--state", paramLabel = "FILE",
            description = {"Remember finished log objects (name, size, ETag or modification time) in FILE, and skip "
                    + "the ones it lists: after a crash, the same command loads only what was not finished.",
                    "The summary counts skipped objects as ALREADY_LOADED."})
    Path stateFile;

    @Option(names = "--restart", description = "Ignore what the --state file lists and start it afresh.")
    boolean restart;

    /** A problem with these options, or null. */
    String problem() {
        return restart && stateFile == null ? "--restart needs --state FILE" : null;
    }

    /** The load state the options name (opened; the caller closes it), or one that remembers nothing. */
    LoadState open() throws IOException {
        return stateFile == null ? LoadState.none() : FileLoadState.open(stateFile, restart);
    }
}
