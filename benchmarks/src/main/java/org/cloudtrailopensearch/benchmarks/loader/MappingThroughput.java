package org.cloudtrailopensearch.benchmarks.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudtrailopensearch.loader.cli.Main;
import org.cloudtrailopensearch.loader.map.RecordMapping;
import org.cloudtrailopensearch.loader.read.CloudTrailFileReader;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.loader.read.RecordVisitor;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RecordContext;

/**
 * Two throughputs of the loader's CPU side, each next to its ceiling measured in the same JVM on the same input:
 *
 * <ul>
 *   <li><b>mapping stage on all cores</b>: records already read into memory, encoded by N threads as the load's
 *       workers do ({@code RecordMapping.encode} with the object's {@code RecordContext}), against N times the
 *       same work on one thread (the ceiling for N threads on N cores);</li>
 *   <li><b>{@code map} to NDJSON</b>: the CLI command over the trail's files with stdout discarded (read, gunzip,
 *       map, write), against the same files read by the same reader with each record parsed to a Jackson tree and
 *       written back to bytes.</li>
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.cloudtrailopensearch.benchmarks.loader.MappingThroughput \
 *     /tmp/load-bench [hours] [rounds]
 * </pre>
 */
public final class MappingThroughput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingThroughput() {
    }

    public static void main(String[] args) throws Exception {
        BenchTrail input = BenchTrail.fromArgs(args);
        int rounds = input.rounds();
        Path trail = input.trail();
        int cores = Runtime.getRuntime().availableProcessors();
        List<LogObject> objects = new LocalLogObjectSource(trail.resolve("AWSLogs")).list().objects();
        List<SourceRecord> records = readAll(objects);
        System.out.printf("%d records in %d files, %d cores, %s %s%n", records.size(), objects.size(), cores,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        CloudTrailMapper mapper = CloudTrailMapper.builder().build();

        for (int round = 0; round <= rounds; round++) {
            String label = round == 0 ? "warm-up" : "round " + round;
            double single = mapOnThreads(mapper, records, 1);
            double parallel = mapOnThreads(mapper, records, cores);
            System.out.printf("%s: mapping stage %d threads %.0f records/s, 1 thread %.0f records/s, ratio to %d x 1 thread %.0f%%%n",
                    label, cores, parallel, single, cores, 100 * parallel / (cores * single));
            double ceiling = parseAndWrite(objects);
            double map = mapCommand(objects);
            System.out.printf("%s: map to NDJSON %.0f records/s, Jackson parse+write of the same files %.0f records/s, ratio %.0f%%%n",
                    label, map, ceiling, 100 * map / ceiling);
        }
    }

    /** Every record of the objects, read into memory. */
    public static List<SourceRecord> readAll(List<LogObject> objects) {
        List<SourceRecord> records = new ArrayList<>();
        CloudTrailFileReader reader = new CloudTrailFileReader(1 << 20);
        for (LogObject object : objects) {
            reader.read(object.name(), object::open, collector(records));
        }
        return records;
    }

    /** Each thread encodes every record once; records/s over all threads. */
    private static double mapOnThreads(CloudTrailMapper mapper, List<SourceRecord> records, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong bytes = new AtomicLong();
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    long sum = 0;
                    for (SourceRecord record : records) {
                        MappingResult result = RecordMapping.encode(mapper, record,
                                RecordContext.of(record.source()).withIntegrity("valid"));
                        if (result instanceof MappingResult.Encoded encoded) {
                            sum += encoded.json().length;
                        }
                    }
                    bytes.addAndGet(sum);
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return (double) threads * records.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static double parseAndWrite(List<LogObject> objects) {
        CloudTrailFileReader reader = new CloudTrailFileReader(1 << 20);
        long[] count = {0};
        OutputStream sink = OutputStream.nullOutputStream();
        long start = System.nanoTime();
        for (LogObject object : objects) {
            reader.read(object.name(), object::open, new RecordVisitor() {
                @Override
                public void onRecord(SourceRecord record) {
                    try {
                        sink.write(JSON.writeValueAsBytes(JSON.readTree(record.json())));
                        sink.write('\n');
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    count[0]++;
                }

                @Override
                public void onFailure(ReadFailure failure) {
                    throw new IllegalStateException(failure.toString());
                }
            });
        }
        return count[0] / ((System.nanoTime() - start) / 1e9);
    }

    private static double mapCommand(List<LogObject> objects) {
        List<String> args = new ArrayList<>(List.of("map"));
        objects.forEach(object -> args.add(object.name()));
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        long records = readAll(objects).size();
        long start = System.nanoTime();
        int exit;
        try {
            System.setOut(discard);
            System.setErr(discard);
            exit = Main.run(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        double rate = records / ((System.nanoTime() - start) / 1e9);
        if (exit != 0) {
            throw new IllegalStateException("map exited with " + exit);
        }
        return rate;
    }

    private static RecordVisitor collector(List<SourceRecord> records) {
        return new RecordVisitor() {
            @Override
            public void onRecord(SourceRecord record) {
                records.add(record);
            }

            @Override
            public void onFailure(ReadFailure failure) {
                throw new IllegalStateException(failure.toString());
            }
        };
    }
}
