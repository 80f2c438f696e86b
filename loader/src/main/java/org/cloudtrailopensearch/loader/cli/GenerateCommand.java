package org.cloudtrailopensearch.loader.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; exits 2 so nobody mistakes it for working. */
@Command(name = "generate", description = "Write a realistic, signed sample trail (issue #4).")
public final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("generate: not implemented yet");
        return 2;
    }
}
