package org.cloudtrailopensearch.loader.cli;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** Entry point of {@code bin/cloudtrail-opensearch}: one CLI, one sub-command per job. */
@Command(name = "cloudtrail-opensearch",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.class,
        description = "Turns AWS CloudTrail logs into ECS documents in OpenSearch.",
        subcommands = {
            SetupCommand.class,
            LoadCommand.class,
            WorkerCommand.class,
            MapCommand.class,
            ValidateCommand.class,
            GenerateCommand.class,
            DemoCommand.class,
        })
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Set to any value to see the stack trace of a failure after its one line. */
    static final String DEBUG_ENV = "CLOUDTRAIL_OPENSEARCH_DEBUG";

    /** Runs the CLI without exiting the JVM; returns the exit code. Used by tests. */
    public static int run(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::failed).execute(args);
    }

    /**
     * Every command that fails with an exception ends here: one line on stderr naming what failed (for a
     * cluster failure: the URL, never credentials, and a hint) and exit code 2, "the run could not complete".
     */
    private static int failed(Exception e, CommandLine command, ParseResult parseResult) {
        command.getErr().println(command.getCommandName() + ": " + Failures.oneLine(e, clusterUrl(command)));
        if (System.getenv(DEBUG_ENV) != null) {
            e.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return 2;
    }

    /** The {@code --opensearch-url} of the command that ran, if it takes one. */
    private static Optional<URI> clusterUrl(CommandLine command) {
        for (CommandSpec mixin : command.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof OpenSearchOptions options && options.url != null) {
                return Optional.of(options.url);
            }
        }
        return Optional.empty();
    }
}
