package org.cloudtrailopensearch.benchmarks.mapper;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.PayloadRetention;

/**
 * What each part of the mapping costs, in microseconds per record: the full mapping, the same with one option
 * switched off at a time, everything optional off, Jackson's parse alone and the ceiling (parse + write back).
 * All variants run in one JVM, round-robin in 200 ms slices, so that the machine's changing load and the JIT
 * state are shared by all of them; the per-variant time is the total over all rounds. The difference between
 * "full" and a variant is what that option costs. Usage: {@code MapperCostBreakdown [rounds]} (default 30).
 */
public final class MapperCostBreakdown {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SLICE_NANOS = 200_000_000L;

    private MapperCostBreakdown() {
    }

    private interface RecordWork {
        void run(byte[] record) throws IOException;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<byte[]> records = MixedCorpus.generate(20_000, 42L);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);

        Map<String, CloudTrailMapper> mappers = new LinkedHashMap<>();
        mappers.put("full mapping", CloudTrailMapper.builder().build());
        mappers.put("without actor/target fields", CloudTrailMapper.builder().actorTargetFields(false).build());
        mappers.put("without user-agent parsing", CloudTrailMapper.builder().userAgentParsing(false).build());
        mappers.put("without GeoIP", CloudTrailMapper.builder().geoIp(false).build());
        mappers.put("without event.original", CloudTrailMapper.builder().includeOriginal(false).build());
        mappers.put("payload strings only", CloudTrailMapper.builder().payloadRetention(PayloadRetention.KEYWORD).build());
        mappers.put("all of these off", CloudTrailMapper.builder().actorTargetFields(false).userAgentParsing(false)
                .geoIp(false).includeOriginal(false).payloadRetention(PayloadRetention.KEYWORD).build());

        Map<String, RecordWork> variants = new LinkedHashMap<>();
        for (Map.Entry<String, CloudTrailMapper> entry : mappers.entrySet()) {
            CloudTrailMapper mapper = entry.getValue();
            records.forEach(mapper::map); // warm caches: the steady state of a long load
            variants.put(entry.getKey(), record -> {
                buffer.reset();
                try (JsonGenerator out = JSON.getFactory().createGenerator(buffer)) {
                    if (!(mapper.mapTo(record, out) instanceof MappingResult.Mapped)) {
                        throw new IllegalStateException("corpus record rejected");
                    }
                }
            });
        }
        variants.put("Jackson parse only", JSON::readTree);
        variants.put("ceiling (parse + write back)", record -> {
            buffer.reset();
            try (JsonGenerator out = JSON.getFactory().createGenerator(buffer)) {
                JSON.writeTree(out, JSON.readTree(record));
            }
        });

        Map<String, long[]> totals = new LinkedHashMap<>();
        variants.keySet().forEach(name -> totals.put(name, new long[2]));
        int next = 0;
        for (int round = -3; round < rounds; round++) { // three rounds of warm-up
            for (Map.Entry<String, RecordWork> variant : variants.entrySet()) {
                long start = System.nanoTime();
                long count = 0;
                while (System.nanoTime() - start < SLICE_NANOS) {
                    for (int i = 0; i < 200; i++) {
                        variant.getValue().run(records.get(next));
                        next = next + 1 == records.size() ? 0 : next + 1;
                        count++;
                    }
                }
                if (round >= 0) {
                    totals.get(variant.getKey())[0] += System.nanoTime() - start;
                    totals.get(variant.getKey())[1] += count;
                }
            }
        }
        double full = micros(totals.get("full mapping"));
        double ceiling = micros(totals.get("ceiling (parse + write back)"));
        System.out.printf("%-30s %12s %16s %14s%n", "variant", "us/record", "full minus this", "ceiling/this");
        for (Map.Entry<String, long[]> total : totals.entrySet()) {
            double micros = micros(total.getValue());
            System.out.printf("%-30s %12.2f %16.2f %13.1f%%%n", total.getKey(), micros, full - micros, 100 * ceiling / micros);
        }
    }

    private static double micros(long[] nanosAndCount) {
        return nanosAndCount[0] / (double) nanosAndCount[1] / 1000;
    }
}
