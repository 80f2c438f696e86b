package org.cloudtrailopensearch.benchmarks.loader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives the OpenSearch node and the benchmark's own JVM (the loader, or the ceiling's client) separate CPUs with
 * {@code taskset}, as a deployment does where the loader runs on its own machine. Without it, on a small machine the
 * loader's reading and mapping take CPU from the node, and the ratio to the ceiling measures the CPU split as much
 * as the loader. Written as {@code NODE_CPUS:BENCH_CPUS} in {@code taskset}'s list syntax, e.g. {@code 0:1}.
 */
record CpuSplit(String nodeCpus, String benchCpus) {

    static final String OPTION = "--cpu-split";

    /** The split named by {@code --cpu-split X:Y}, if any. */
    static CpuSplit fromArgs(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (OPTION.equals(args[i])) {
                String[] parts = args[i + 1].split(":", -1);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new IllegalArgumentException(OPTION + " takes NODE_CPUS:BENCH_CPUS, e.g. 0:1");
                }
                return new CpuSplit(parts[0], parts[1]);
            }
        }
        return null;
    }

    /** {@code args} without {@code --cpu-split X:Y}, for the positional arguments. */
    static String[] positional(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int at = rest.indexOf(OPTION);
        if (at >= 0) {
            rest.subList(at, Math.min(at + 2, rest.size())).clear();
        }
        return rest.toArray(String[]::new);
    }

    /**
     * Moves this JVM onto the bench CPUs. Called before the node starts, which then inherits them until
     * {@link #pinNode} moves it.
     */
    void pinBench() throws IOException, InterruptedException {
        pin(ProcessHandle.current(), benchCpus);
    }

    /** Moves the node's process and every process under it (the launcher script's JVM) onto the node CPUs. */
    void pinNode(long pid) throws IOException, InterruptedException {
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        for (ProcessHandle process : Stream.concat(Stream.of(node), node.descendants()).toList()) {
            pin(process, nodeCpus);
        }
    }

    private static void pin(ProcessHandle process, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "--all-tasks", "--cpu-list", "--pid", cpus,
                Long.toString(process.pid())).redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes()).trim();
        if (taskset.waitFor() != 0) {
            throw new IOException("taskset " + cpus + " of pid " + process.pid() + " failed: " + output);
        }
    }

    @Override
    public String toString() {
        return "node on CPUs " + nodeCpus + ", loader and ceiling client on CPUs " + benchCpus;
    }
}
