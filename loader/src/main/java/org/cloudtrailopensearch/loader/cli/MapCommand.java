package org.cloudtrailopensearch.loader.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; exits 2 so nobody mistakes it for working. */
@Command(name = "map", description = "Map CloudTrail records to ECS NDJSON on stdout (issue #3).")
public final class MapCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("map: not implemented yet");
        return 2;
    }
}
