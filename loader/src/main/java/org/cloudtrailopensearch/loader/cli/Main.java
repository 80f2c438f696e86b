package org.cloudtrailopensearch.loader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/cloudtrail-opensearch}: one CLI, one sub-command per job. */
@Command(name = "cloudtrail-opensearch",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.class,
        description = "Turns AWS CloudTrail logs into ECS documents in OpenSearch.",
        subcommands = {
            SetupCommand.class,
            LoadCommand.class,
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

    /** Runs the CLI without exiting the JVM; returns the exit code. Used by tests. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
