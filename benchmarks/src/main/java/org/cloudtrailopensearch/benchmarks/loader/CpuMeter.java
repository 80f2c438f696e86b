package org.cloudtrailopensearch.benchmarks.loader;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time spent by the node (its process tree) and by this JVM over one phase of a benchmark, per document. On a
 * machine the two share, it tells where the CPU went: a loader that costs the node nothing extra per document but
 * takes CPU of its own can only reach {@code node / (node + loader)} of a ceiling that was CPU-bound.
 */
final class CpuMeter {

    private final ProcessHandle node;
    private Duration nodeAtStart;
    private Duration benchAtStart;

    CpuMeter(long nodePid) {
        this.node = ProcessHandle.of(nodePid).orElseThrow(() -> new IllegalStateException("no process " + nodePid));
    }

    void start() {
        nodeAtStart = cpu(tree(node));
        benchAtStart = cpu(Stream.of(ProcessHandle.current()));
    }

    /** CPU microseconds per document since {@link #start}, node and this JVM. */
    String perDocument(long documents) {
        double node = micros(cpu(tree(this.node)).minus(nodeAtStart)) / documents;
        double bench = micros(cpu(Stream.of(ProcessHandle.current())).minus(benchAtStart)) / documents;
        return String.format("CPU per document: node %.0f µs, this JVM %.0f µs", node, bench);
    }

    private static Stream<ProcessHandle> tree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants());
    }

    private static Duration cpu(Stream<ProcessHandle> processes) {
        return processes.map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
    }

    private static double micros(Duration duration) {
        return duration.toNanos() / 1e3;
    }
}
