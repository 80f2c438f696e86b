package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.mapper.MapperTestSupport;

/** The user agents {@link PrefilteredUapParserTest} compares on, each source as a set of distinct strings. */
final class UserAgentCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A test case's user agent in Yauaa's rule files: {@code user_agent_string: '...'} or {@code User-Agent : '...'}. */
    private static final Pattern YAUAA_AGENT = Pattern.compile("^\\s+(?:user_agent_string|User-Agent)\\s*:\\s*");

    private UserAgentCorpus() {
    }

    /** Every distinct user agent of a generated trail (3 accounts, 2 regions, 12 hours, with the incident). */
    static Set<String> generatedTrail(Path directory) throws IOException {
        TrailGenerator.builder().accounts(3).regions(List.of("us-east-1", "eu-west-1")).hours(12)
                .eventsPerHour(1000).start(Instant.parse("2026-03-01T00:00:00Z")).incident(true).build()
                .writeTo(directory);
        Set<String> agents = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json.gz")).sorted().toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    collectUserAgents(JSON.readTree(in), agents);
                }
            }
        }
        return agents;
    }

    /** Every {@code userAgent} in Elastic's conformance inputs, or none when {@code shared/conformance} is absent. */
    static Set<String> conformanceInputs() throws IOException {
        Path dir = MapperTestSupport.findAbove("shared/conformance/elastic-cloudtrail");
        Set<String> agents = new LinkedHashSet<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return agents;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        collectUserAgents(JSON.readTree(line), agents);
                    }
                }
            }
        }
        return agents;
    }

    /** The user agents of Yauaa's test cases (browsers, apps, devices, bots, hacking attempts) from its jar. */
    static Set<String> yauaaTestCases() throws IOException {
        URI jar;
        try {
            jar = UserAgentCorpus.class.getClassLoader().getResource("UserAgents").toURI();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Yauaa's UserAgents/ folder is not on the test class path", e);
        }
        Set<String> agents = new LinkedHashSet<>();
        try (FileSystem zip = FileSystems.newFileSystem(jar, Map.of());
                Stream<Path> files = Files.list(zip.getPath("UserAgents"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher m = YAUAA_AGENT.matcher(line);
                    if (m.lookingAt()) {
                        String quoted = line.substring(m.end()).strip();
                        if (quoted.length() >= 2 && quoted.startsWith("'") && quoted.endsWith("'")) {
                            agents.add(quoted.substring(1, quoted.length() - 1).replace("''", "'"));
                        } else if (quoted.length() >= 2 && quoted.startsWith("\"") && quoted.endsWith("\"")) {
                            agents.add(quoted.substring(1, quoted.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\"));
                        }
                    }
                }
            }
        }
        return agents;
    }

    /** The hand-assembled list beside this class: CloudTrail's own user agents, browsers, mobile, bots, oddities. */
    static Set<String> handPicked() {
        try (InputStream in = UserAgentCorpus.class.getResourceAsStream("user-agents.txt")) {
            Set<String> agents = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    agents.add(line);
                }
            }
            return agents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectUserAgents(JsonNode node, Set<String> agents) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("userAgent") && field.getValue().isTextual()) {
                    agents.add(field.getValue().asText());
                } else {
                    collectUserAgents(field.getValue(), agents);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectUserAgents(element, agents));
        }
    }

    static List<String> union(List<Set<String>> sources) {
        Set<String> all = new LinkedHashSet<>();
        sources.forEach(all::addAll);
        return new ArrayList<>(all);
    }
}
