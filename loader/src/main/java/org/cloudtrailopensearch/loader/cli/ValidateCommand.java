package org.cloudtrailopensearch.loader.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; exits 2 so nobody mistakes it for working. */
@Command(name = "validate", description = "Validate log files against signed digest chains (issue #4).")
public final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("validate: not implemented yet");
        return 2;
    }
}
