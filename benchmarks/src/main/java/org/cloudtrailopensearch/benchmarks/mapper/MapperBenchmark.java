package org.cloudtrailopensearch.benchmarks.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Records per second on one thread: full mapping (parse bytes, map with GeoIP + user-agent enrichment, write the
 * ECS document to bytes with {@code mapTo}, the indexing path), the same without enrichment, the tree API
 * ({@code map} + writing the tree), and the ceiling measured in the same run — Jackson parsing the same records to
 * a tree and writing them back to bytes. One operation = one record. See BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MapperBenchmark {

    private static final int CORPUS_SIZE = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private List<byte[]> records;
    private CloudTrailMapper enriching;
    private CloudTrailMapper plain;
    private CloudTrailMapper withoutOriginal;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        records = MixedCorpus.generate(CORPUS_SIZE, 42L);
        enriching = CloudTrailMapper.builder().build();
        plain = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false).build();
        withoutOriginal = CloudTrailMapper.builder().includeOriginal(false).build();
        for (byte[] record : records) {
            // Also warms the user-agent and GeoIP caches: the benchmark measures the steady state of a long run.
            withoutOriginal.map(record);
            if (!(enriching.map(record) instanceof MappingResult.Mapped)) {
                throw new IllegalStateException("corpus record rejected: " + enriching.map(record));
            }
        }
    }

    private byte[] nextRecord() {
        byte[] record = records.get(next);
        next = next + 1 == CORPUS_SIZE ? 0 : next + 1;
        return record;
    }

    @Benchmark
    public byte[] fullMappingWithEnrichment() throws IOException {
        return mapToBytes(enriching, nextRecord());
    }

    @Benchmark
    public byte[] mappingWithoutEnrichment() throws IOException {
        return mapToBytes(plain, nextRecord());
    }

    /** Same as the full mapping, minus {@code event.original}: shows what keeping the raw record costs. */
    @Benchmark
    public byte[] fullMappingWithoutEventOriginal() throws IOException {
        return mapToBytes(withoutOriginal, nextRecord());
    }

    /** The full mapping through the tree API: {@code map} returns a Jackson tree, which is then written. */
    @Benchmark
    public byte[] fullMappingViaTree() throws IOException {
        return JSON.writeValueAsBytes(((MappingResult.Mapped) enriching.map(nextRecord())).document());
    }

    @Benchmark
    public byte[] ceilingJacksonParseAndWrite() throws IOException {
        JsonNode tree = JSON.readTree(nextRecord());
        return JSON.writeValueAsBytes(tree);
    }

    private static byte[] mapToBytes(CloudTrailMapper mapper, byte[] record) throws IOException {
        return MapToBytes.map(JSON, mapper, record);
    }
}
