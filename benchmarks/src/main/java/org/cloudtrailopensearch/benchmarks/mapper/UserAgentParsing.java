package org.cloudtrailopensearch.benchmarks.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cloudtrailopensearch.benchmarks.loader.BenchTrail;
import org.cloudtrailopensearch.benchmarks.loader.MappingThroughput;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.mapper.rules.PrefilteredUapParser;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Nanoseconds per user agent not seen before, uap-java's {@link Parser} against the mapper's
 * {@link PrefilteredUapParser} (neither caches), on two sets of distinct user agents: those of the loader
 * benchmarks' generated trail ({@link BenchTrail}, mostly AWS SDK/CLI strings as CloudTrail has them) and a
 * browser mix (the real user agents of Yauaa's test cases: browsers, phones, apps, bots). Each round times both
 * parsers on a fixed sample of each set, alternating, so that both meet the same machine load; the first round
 * is warm-up. Every answer of the two is compared, and a difference stops the run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.cloudtrailopensearch.benchmarks.mapper.UserAgentParsing \
 *     [work=/tmp/load-bench] [hours=12] [rounds=5]
 * </pre>
 */
public final class UserAgentParsing {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** User agents timed per set and round: uap's ~1.3 ms each keeps a round to a few seconds. */
    private static final int SAMPLE = 1500;
    /** As the mapper: longer user agents are not parsed. */
    private static final int MAX_PARSED_LENGTH = 1024;

    private UserAgentParsing() {
    }

    public static void main(String[] args) throws IOException {
        BenchTrail input = BenchTrail.fromArgs(args);
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("generated trail", sample(trailUserAgents(input.trail())));
        sets.put("browser mix", sample(yauaaUserAgents()));
        Parser uap = new Parser();
        PrefilteredUapParser prefiltered = new PrefilteredUapParser();
        Map<String, Function<String, Client>> parsers = new LinkedHashMap<>();
        parsers.put("uap-java Parser", uap::parse);
        parsers.put("PrefilteredUapParser", prefiltered::parse);
        for (Map.Entry<String, List<String>> set : sets.entrySet()) {
            for (String userAgent : set.getValue()) {
                if (!uap.parse(userAgent).equals(prefiltered.parse(userAgent))) {
                    throw new IllegalStateException("parsed differently: " + userAgent);
                }
            }
        }
        System.out.printf("%s %s, %d cores; %d distinct user agents timed per set%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), SAMPLE);

        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        for (int round = 0; round <= input.rounds(); round++) {
            StringBuilder line = new StringBuilder(round == 0 ? "warm-up:" : "round " + round + ":");
            for (Map.Entry<String, List<String>> set : sets.entrySet()) {
                for (Map.Entry<String, Function<String, Client>> parser : parsers.entrySet()) {
                    double perAgent = time(parser.getValue(), set.getValue());
                    line.append(String.format("  %s / %s %.0f ns", set.getKey(), parser.getKey(), perAgent));
                    if (round > 0) {
                        nanos.computeIfAbsent(set.getKey() + " / " + parser.getKey(), k -> new ArrayList<>()).add(perAgent);
                    }
                }
            }
            System.out.println(line);
        }
        System.out.println("median ns per new user agent:");
        for (Map.Entry<String, List<String>> set : sets.entrySet()) {
            double plain = median(nanos.get(set.getKey() + " / uap-java Parser"));
            double fast = median(nanos.get(set.getKey() + " / PrefilteredUapParser"));
            System.out.printf("  %-16s uap-java Parser %,10.0f ns   PrefilteredUapParser %,8.0f ns   %.0fx%n",
                    set.getKey(), plain, fast, plain / fast);
        }
    }

    private static double time(Function<String, Client> parser, List<String> userAgents) {
        long start = System.nanoTime();
        int blackhole = 0;
        for (String userAgent : userAgents) {
            blackhole += parser.apply(userAgent).userAgent.family.length();
        }
        long elapsed = System.nanoTime() - start;
        if (blackhole == 42) {
            System.out.print("");
        }
        return (double) elapsed / userAgents.size();
    }

    /** A fixed sample (seed 42), so that every round and every run times the same strings. */
    private static List<String> sample(Set<String> userAgents) {
        List<String> all = new ArrayList<>(userAgents);
        all.removeIf(userAgent -> userAgent.length() > MAX_PARSED_LENGTH);
        Collections.shuffle(all, new Random(42));
        return List.copyOf(all.subList(0, Math.min(SAMPLE, all.size())));
    }

    private static Set<String> trailUserAgents(Path trail) throws IOException {
        Set<String> agents = new LinkedHashSet<>();
        List<SourceRecord> records = MappingThroughput.readAll(
                new LocalLogObjectSource(trail.resolve("AWSLogs")).list().objects());
        for (SourceRecord record : records) {
            JsonNode agent = JSON.readTree(record.json()).get("userAgent");
            if (agent != null && agent.isTextual()) {
                agents.add(agent.asText());
            }
        }
        System.out.printf("generated trail: %d records, %d distinct user agents%n", records.size(), agents.size());
        return agents;
    }

    /** The user agents of Yauaa's test cases ({@code user_agent_string: '...'} or {@code User-Agent : '...'}). */
    private static Set<String> yauaaUserAgents() throws IOException {
        URI folder;
        try {
            folder = UserAgentParsing.class.getClassLoader().getResource("UserAgents").toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Set<String> agents = new LinkedHashSet<>();
        try (FileSystem jar = FileSystems.newFileSystem(folder, Map.of());
                Stream<Path> files = Files.list(jar.getPath("UserAgents"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String trimmed = line.strip();
                    for (String key : Arrays.asList("user_agent_string:", "User-Agent")) {
                        if (trimmed.startsWith(key)) {
                            String value = trimmed.substring(trimmed.indexOf(':') + 1).strip();
                            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                                agents.add(value.substring(1, value.length() - 1).replace("''", "'"));
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("browser mix: %d distinct user agents from Yauaa's test cases%n", agents.size());
        return agents;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
