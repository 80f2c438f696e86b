package org.cloudtrailopensearch.mapper.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import ua_parser.Client;
import ua_parser.Device;
import ua_parser.DeviceParser;
import ua_parser.OS;
import ua_parser.OSParser;
import ua_parser.Parser;
import ua_parser.UserAgent;
import ua_parser.UserAgentParser;

/**
 * The same answers as uap-java's {@link Parser}, for a fraction of its cost on user agents that few of
 * uap-core's patterns match, which are most CloudTrail user agents (AWS SDKs, CLI, console, services).
 *
 * <p>uap tries its ~1,200 patterns in order until one matches, so a user agent that none matches pays for all of
 * them (about a millisecond). Here each pattern comes with sets of strings such that any match contains one string
 * of each set ({@link RequiredLiterals}); one pass over the user agent ({@link LiteralIndex}) finds the patterns
 * whose sets all occur in it, and only those are tried, still in uap's order, with uap's own pattern objects: a
 * pattern skipped could not have matched, so the first match, and with it every replacement uap applies, is the
 * same.
 *
 * <p>The patterns are uap-java's own: its bundled {@code regexes.yaml}, loaded as {@link Parser} loads it, each
 * turned into a pattern object by uap's {@code patternFromMap} (same compile flags, same replacement rules).
 * Thread-safe and immutable.
 *
 * <p>Internal: not part of the mapper's API (public for the benchmarks).
 */
public final class PrefilteredUapParser {

    private static final String REGEXES = "/ua_parser/regexes.yaml";

    private final AgentPatterns agentPatterns;
    private final OsPatterns osPatterns;
    private final DevicePatterns devicePatterns;
    /** Rules numbered agent patterns first, then OS, then device patterns. */
    private final LiteralIndex index;

    public PrefilteredUapParser() {
        Map<String, List<Map<String, String>>> regexes = loadRegexes();
        List<Map<String, String>> agents = section(regexes, "user_agent_parsers");
        List<Map<String, String>> systems = section(regexes, "os_parsers");
        List<Map<String, String>> devices = section(regexes, "device_parsers");
        agentPatterns = new AgentPatterns(agents);
        osPatterns = new OsPatterns(systems);
        devicePatterns = new DevicePatterns(devices);
        List<List<List<String>>> clausesOfRule = new ArrayList<>();
        for (List<Map<String, String>> section : List.of(agents, systems, devices)) {
            for (Map<String, String> entry : section) {
                clausesOfRule.add(requiredStrings(entry.get("regex")));
            }
        }
        index = new LiteralIndex(clausesOfRule);
    }

    /** What {@link Parser#parse} returns for this user agent. */
    public Client parse(String userAgent) {
        BitSet candidates = index.candidates(userAgent);
        int osOffset = agentPatterns.size();
        int deviceOffset = osOffset + osPatterns.size();
        UserAgent agent = firstMatch(agentPatterns, userAgent, candidates, 0);
        OS os = firstMatch(osPatterns, userAgent, candidates, osOffset);
        String device = firstMatch(devicePatterns, userAgent, candidates, deviceOffset);
        return new Client(agent == null ? UserAgent.OTHER : agent, os == null ? OS.OTHER : os,
                device == null ? Device.OTHER : new Device(device));
    }

    /** As uap's parsers do: the first pattern in order that matches, but only among the candidates. */
    private static <T> T firstMatch(Patterns<T> patterns, String userAgent, BitSet candidates, int offset) {
        int end = offset + patterns.size();
        for (int rule = candidates.nextSetBit(offset); rule >= 0 && rule < end;
                rule = candidates.nextSetBit(rule + 1)) {
            T match = patterns.match(rule - offset, userAgent);
            if (match != null) {
                return match;
            }
        }
        return null;
    }

    /**
     * Clauses for {@link LiteralIndex}: the regex's required string sets, less those with a single character, which
     * is in nearly every user agent and not worth indexing (leaving a set out only lets more user agents through).
     */
    static List<List<String>> requiredStrings(String regex) {
        List<List<String>> clauses = new ArrayList<>();
        for (List<String> strings : RequiredLiterals.of(regex)) {
            if (strings.stream().allMatch(string -> string.length() >= 2)) {
                clauses.add(strings);
            }
        }
        return clauses;
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<Map<String, String>>> loadRegexes() {
        try (InputStream in = Parser.class.getResourceAsStream(REGEXES)) {
            if (in == null) {
                throw new IllegalStateException(REGEXES + " is missing from uap-java");
            }
            // As uap's Parser loads it: safe constructor, uap's own code point limit.
            return (Map<String, List<Map<String, String>>>) new Yaml(new SafeConstructor(Parser.getDefaultLoaderOptions()))
                    .load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, String>> section(Map<String, List<Map<String, String>>> regexes, String name) {
        List<Map<String, String>> section = regexes.get(name);
        if (section == null) {
            throw new IllegalStateException(name + " is missing from uap-java's " + REGEXES);
        }
        return section;
    }

    /** One of uap's pattern lists, by position. */
    private interface Patterns<T> {
        int size();

        /** What uap's pattern at {@code index} gives for the user agent, null if it does not match. */
        T match(int index, String userAgent);
    }

    // uap's pattern classes, and the method that builds one from its YAML entry, are protected: these
    // subclasses only reach them. Their own (empty) pattern lists are never used.

    private static final class AgentPatterns extends UserAgentParser implements Patterns<UserAgent> {
        private final UAPattern[] patterns;

        AgentPatterns(List<Map<String, String>> entries) {
            super(List.of());
            patterns = entries.stream().map(UserAgentParser::patternFromMap).toArray(UAPattern[]::new);
        }

        @Override
        public int size() {
            return patterns.length;
        }

        @Override
        public UserAgent match(int index, String userAgent) {
            return patterns[index].match(userAgent);
        }
    }

    private static final class OsPatterns extends OSParser implements Patterns<OS> {
        private final OSPattern[] patterns;

        OsPatterns(List<Map<String, String>> entries) {
            super(List.of());
            patterns = entries.stream().map(OSParser::patternFromMap).toArray(OSPattern[]::new);
        }

        @Override
        public int size() {
            return patterns.length;
        }

        @Override
        public OS match(int index, String userAgent) {
            return patterns[index].match(userAgent);
        }
    }

    private static final class DevicePatterns extends DeviceParser implements Patterns<String> {
        private final DevicePattern[] patterns;

        DevicePatterns(List<Map<String, String>> entries) {
            super(List.of());
            patterns = entries.stream().map(DeviceParser::patternFromMap).toArray(DevicePattern[]::new);
        }

        @Override
        public int size() {
            return patterns.length;
        }

        @Override
        public String match(int index, String userAgent) {
            return patterns[index].match(userAgent);
        }
    }
}
