package org.cloudtrailopensearch.benchmarks.mapper;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;

/**
 * The mapper-to-ceiling ratio measured by alternation: each round times the Jackson ceiling (parse to a tree,
 * write it back) and then the full mapping ({@code mapTo} with enrichment) over the same corpus, back to back, so
 * a change in the machine's load hits both sides of a round alike. JMH measures one benchmark after the other,
 * which on a shared machine moves the ratio by more than the changes being measured. Prints every round and the
 * median of the per-round ratios. Usage: {@code MapperRatio [rounds] [secondsPerSide]} (default 15 and 3).
 */
public final class MapperRatio {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MapperRatio() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long nanosPerSide = (args.length > 1 ? Long.parseLong(args[1]) : 3L) * 1_000_000_000L;
        List<byte[]> records = MixedCorpus.generate(20_000, 42L);
        CloudTrailMapper mapper = CloudTrailMapper.builder().build();
        // Warm-up: fills the user-agent and GeoIP caches and lets the JIT compile both sides.
        for (int i = 0; i < 3; i++) {
            rate(records, nanosPerSide, record -> JSON.writeValueAsBytes(JSON.readTree(record)));
            rate(records, nanosPerSide, record -> mapToBytes(mapper, record));
        }
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double ceiling = rate(records, nanosPerSide, record -> JSON.writeValueAsBytes(JSON.readTree(record)));
            double mapping = rate(records, nanosPerSide, record -> mapToBytes(mapper, record));
            double ratio = mapping / ceiling;
            ratios.add(ratio);
            System.out.printf("round %2d: ceiling %,9.0f records/s   full mapping %,9.0f records/s   ratio %5.1f %%%n",
                    round, ceiling, mapping, ratio * 100);
        }
        Collections.sort(ratios);
        System.out.printf("median ratio %.1f %% (min %.1f %%, max %.1f %%) over %d rounds%n",
                ratios.get(ratios.size() / 2) * 100, ratios.get(0) * 100, ratios.get(ratios.size() - 1) * 100, rounds);
    }

    private interface RecordWork {
        byte[] run(byte[] record) throws IOException;
    }

    private static double rate(List<byte[]> records, long nanos, RecordWork work) throws IOException {
        long start = System.nanoTime();
        long count = 0;
        long sink = 0;
        int next = 0;
        while (System.nanoTime() - start < nanos) {
            for (int i = 0; i < 1_000; i++) {
                sink += work.run(records.get(next)).length;
                next = next + 1 == records.size() ? 0 : next + 1;
                count++;
            }
        }
        if (sink == 0) {
            throw new IllegalStateException("no output");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static byte[] mapToBytes(CloudTrailMapper mapper, byte[] record) throws IOException {
        return MapToBytes.map(JSON, mapper, record); // as MapperBenchmark's full mapping
    }
}
