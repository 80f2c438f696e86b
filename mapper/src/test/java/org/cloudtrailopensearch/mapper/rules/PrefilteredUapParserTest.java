package org.cloudtrailopensearch.mapper.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * {@link PrefilteredUapParser} answers exactly as uap-java's {@link Parser}, field by field, on every user agent of
 * several corpora: a generated trail's, Elastic's conformance inputs' (when {@code shared/conformance} is there),
 * the ~5,000 real ones of Yauaa's test cases and a hand-picked list. And, per pattern rather than per answer:
 * whenever one of uap's regexes matches a corpus string, the string contains one of the regex's derived strings,
 * so a skipped pattern never is one that would have matched.
 */
class PrefilteredUapParserTest {

    private static final Parser UAP = new Parser();
    private static final PrefilteredUapParser PREFILTERED = new PrefilteredUapParser();
    private static final Map<String, Set<String>> CORPORA = new LinkedHashMap<>();

    @BeforeAll
    static void loadCorpora(@TempDir Path trail) throws IOException {
        CORPORA.put("generated trail", parsed(UserAgentCorpus.generatedTrail(trail)));
        CORPORA.put("conformance inputs", parsed(UserAgentCorpus.conformanceInputs()));
        CORPORA.put("Yauaa test cases", parsed(UserAgentCorpus.yauaaTestCases()));
        CORPORA.put("hand-picked", parsed(UserAgentCorpus.handPicked()));
    }

    /** Only what the enricher parses: longer strings are kept as they are (and uap's regexes overflow the stack on some). */
    private static Set<String> parsed(Set<String> userAgents) {
        userAgents.removeIf(userAgent -> userAgent.length() > UserAgentEnricher.MAX_PARSED_LENGTH);
        return userAgents;
    }

    @Test
    void answersAsUapDoesOnEveryCorpusUserAgent() {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Set<String>> corpus : CORPORA.entrySet()) {
            if (corpus.getValue().isEmpty()) {
                System.out.println("SKIPPED: " + corpus.getKey() + ": none found");
                continue;
            }
            System.out.println(corpus.getKey() + ": " + corpus.getValue().size() + " distinct user agents");
            for (String userAgent : corpus.getValue()) {
                Client expected = UAP.parse(userAgent);
                Client actual = PREFILTERED.parse(userAgent);
                String expectedFields = fields(expected);
                String actualFields = fields(actual);
                if (!expectedFields.equals(actualFields) || !expected.equals(actual)) {
                    differences.add(userAgent + "\n  uap:         " + expectedFields + "\n  prefiltered: " + actualFields);
                }
            }
        }
        assertTrue(CORPORA.get("generated trail").size() > 1000, "the generated trail has thousands of user agents");
        assertTrue(CORPORA.get("Yauaa test cases").size() > 4000, "Yauaa's test cases have thousands of user agents");
        assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())),
                differences.size() + " user agents parsed differently");
    }

    @Test
    void everyRegexMatchContainsOneOfTheRegexsStrings() {
        // The generated trail's user agents vary a few templates: every tenth of them is enough here.
        List<String> generated = List.copyOf(CORPORA.get("generated trail"));
        Set<String> sample = new LinkedHashSet<>();
        for (int i = 0; i < generated.size(); i += 10) {
            sample.add(generated.get(i));
        }
        List<String> corpus = UserAgentCorpus.union(List.of(sample, CORPORA.get("conformance inputs"),
                CORPORA.get("Yauaa test cases"), CORPORA.get("hand-picked")));
        List<String> misses = new ArrayList<>();
        int withStrings = 0;
        int total = 0;
        for (Map.Entry<String, List<Map<String, String>>> section : PrefilteredUapParser.loadRegexes().entrySet()) {
            for (Map<String, String> entry : section.getValue()) {
                total++;
                String regex = entry.get("regex");
                List<List<String>> clauses = PrefilteredUapParser.requiredStrings(regex);
                if (clauses.isEmpty()) {
                    continue;
                }
                withStrings++;
                // As uap compiles it: only device patterns honour regex_flag 'i'.
                boolean caseInsensitive = section.getKey().equals("device_parsers") && "i".equals(entry.get("regex_flag"));
                Pattern pattern = Pattern.compile(regex, caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
                for (String userAgent : corpus) {
                    if (!pattern.matcher(userAgent).find()) {
                        continue;
                    }
                    String folded = fold(userAgent);
                    for (List<String> strings : clauses) {
                        if (!containsAny(folded, strings)) {
                            misses.add(section.getKey() + " " + regex + " matches " + userAgent + " but has none of " + strings);
                        }
                    }
                }
            }
        }
        System.out.println(withStrings + " of " + total + " uap patterns have required strings; the others are always tried");
        assertEquals(List.of(), misses.subList(0, Math.min(20, misses.size())), misses.size() + " misses");
        assertTrue(withStrings > total * 9 / 10, withStrings + " of " + total + " patterns have strings");
    }

    @Test
    void cloudTrailUserAgentsTryFewPatterns() {
        List<List<List<String>>> clausesOfRule = new ArrayList<>();
        PrefilteredUapParser.loadRegexes().values().forEach(section -> section.forEach(
                entry -> clausesOfRule.add(PrefilteredUapParser.requiredStrings(entry.get("regex")))));
        LiteralIndex index = new LiteralIndex(clausesOfRule);
        for (String userAgent : List.of("AWS Internal", "console.amazonaws.com",
                "aws-cli/2.13.0 Python/3.11.4 Linux/5.10.184 exe/x86_64.amzn.2 prompt/off command/s3.ls",
                "Boto3/1.28.0 Python/3.11.4 Linux/5.10.184 Botocore/1.31.0",
                "aws-sdk-java/2.20.100 Linux/5.10.184 OpenJDK_64-Bit_Server_VM/17.0.7+7-LTS Java/17.0.7 io/sync")) {
            int tried = index.candidates(userAgent).cardinality();
            assertTrue(tried < clausesOfRule.size() / 50, userAgent + ": " + tried + " of " + clausesOfRule.size() + " tried");
        }
    }

    @Test
    void derivesOnlyWhatEveryMatchContains() {
        assertEquals(List.of(List.of("firefox/"), List.of(".")), RequiredLiterals.of("(Firefox)/(\\d+)\\.(\\d+)"));
        assertEquals(List.of(List.of("chrome/", "chromium/")), RequiredLiterals.of("(?:Chrome|Chromium)/(\\d+)"));
        assertEquals(List.of(List.of("arcgis.android-", "arcgis.android.", "arcgis.ios-", "arcgis.ios.",
                        "arcgisandroid-", "arcgisandroid.", "arcgisios-", "arcgisios.")),
                RequiredLiterals.of("ArcGIS\\.?(iOS|Android)(?:-|\\.)(\\d+)"));
        assertEquals(List.of(List.of("/"), List.of(". cfnetwork", "/ cfnetwork")),
                RequiredLiterals.of("^(.{0,200})/(\\d+)(?:\\.(\\d+)|)(?:[./]) CFNetwork"), "each certain piece is a set, a class of a few characters is those characters");
        assertEquals(List.of(List.of("crawl", "scrape", "spider")),
                RequiredLiterals.of("(?:[Ss][Pp][Ii][Dd][Ee][Rr]|[Ss]crape|[Cc][Rr][Aa][Ww][Ll])[A-z0-9]{0,50}"),
                "a class of a few characters is those characters");
        assertEquals(List.of(List.of("bot")), RequiredLiterals.of("\\bbot\\b"), "zero-width parts join on");
        assertEquals(List.of(List.of("]ab")), RequiredLiterals.of("[]]ab"), "a ] first in a class is a member");
        assertEquals(List.of(List.of("xyz")), RequiredLiterals.of("[^]a]xyz"));
        assertEquals(List.of(List.of("mobile")), RequiredLiterals.of("(?:Mobile)+"));
        assertEquals(List.of(List.of("abab")), RequiredLiterals.of("(?:ab){2}"));
        assertEquals(List.of(List.of("2")), RequiredLiterals.of("(Opera)?(\\d+)2"), "an optional part is not required");
        assertEquals(List.of(), RequiredLiterals.of("Chrome|\\d+"), "a branch without strings makes the whole optional");
        assertEquals(List.of(), RequiredLiterals.of("[a-z]+|[A-Z]"));
        assertEquals(List.of(), RequiredLiterals.of("(?i)chrome"), "inline flags are not handled");
        assertEquals(List.of(), RequiredLiterals.of("\\Qa.b\\E"));
        assertEquals(List.of(), RequiredLiterals.of("(a)\\1"));
        assertEquals(List.of(List.of("gr"), List.of("n")), RequiredLiterals.of("Gr\u00fcn"), "non-ASCII is never part of a string");
        assertEquals(List.of(List.of("gr")), RequiredLiterals.of("Gr\u00fc"));
        assertEquals(List.of(), RequiredLiterals.of("[a-z&&[^x]]"));
    }

    private static String fields(Client client) {
        return "agent " + client.userAgent.family + " " + client.userAgent.major + " " + client.userAgent.minor + " "
                + client.userAgent.patch + " | os " + client.os.family + " " + client.os.major + " " + client.os.minor + " "
                + client.os.patch + " " + client.os.patchMinor + " | device " + client.device.family;
    }

    private static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            folded.append(RequiredLiterals.fold(text.charAt(i)));
        }
        return folded.toString();
    }

    private static boolean containsAny(String text, List<String> strings) {
        for (String string : strings) {
            if (text.contains(string)) {
                return true;
            }
        }
        return false;
    }
}
