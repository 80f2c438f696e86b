package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.at;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.mapOk;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The threat indicator feed: file format, errors, and matching (the case files cover the document shape). */
class ThreatIndicatorsTest {

    private static final String USER = "{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"arn\":\"arn:aws:iam::111122223333:user/alice\","
            + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLEALICE0001\",\"userName\":\"alice\"}";

    @TempDir
    Path dir;

    @Test
    void commentsBlankLinesAndDuplicatesDoNotCount() {
        ThreatIndicators feed = ThreatIndicators.parse(List.of("\uFEFF# header", "", "  ", "1.2.3.4,a", "1.2.3.4 , a ",
                "1.2.3.4,b", "  # indented comment", "Mozilla/5.0 (X11, Linux),c"), "feed.csv");
        assertEquals(3, feed.size());
        assertTrue(feed.toString().contains("feed.csv"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "no comma here|feed.csv line 2: expected INDICATOR,SOURCE but there is no comma: no comma here",
        ",src|feed.csv line 2: empty indicator before the comma: ,src",
        "10.0.0.1,  |feed.csv line 2: empty source after the last comma: 10.0.0.1,",
        "10.0.0.0/33,src|feed.csv line 2: not a valid CIDR prefix length in 10.0.0.0/33",
        "10.0.0.0/,src|feed.csv line 2: not a valid CIDR prefix length in 10.0.0.0/",
        "10.0.0.0/8x,src|feed.csv line 2: not a valid CIDR prefix length in 10.0.0.0/8x",
        "2001:db8::/129,src|feed.csv line 2: not a valid CIDR prefix length in 2001:db8::/129",
    })
    void malformedLinesNameOriginAndLine(String line, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThreatIndicators.parse(List.of("# ok", line), "feed.csv"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aBadFileFailsTheBuildNamingFileAndLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "1.2.3.4,feed\n\njust-a-value\n", StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CloudTrailMapper.builder().geoIp(false).userAgentParsing(false).threatIndicatorsFile(file).build());
        assertEquals(file + " line 3: expected INDICATOR,SOURCE but there is no comma: just-a-value", e.getMessage());

        Path missing = dir.resolve("missing.csv");
        IllegalStateException notThere = assertThrows(IllegalStateException.class, () -> ThreatIndicators.fromFile(missing));
        assertTrue(notThere.getMessage().contains(missing.toString()), notThere.getMessage());

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "caf\u00e9-agent,feed\n".getBytes(StandardCharsets.ISO_8859_1));
        IllegalStateException notUtf8 = assertThrows(IllegalStateException.class, () -> ThreatIndicators.fromFile(latin1));
        assertEquals("threat indicator file " + latin1 + " is not UTF-8 text", notUtf8.getMessage());
    }

    @Test
    void aGoodFileIsReadAtBuildTime() throws IOException {
        Path file = dir.resolve("good.csv");
        Files.writeString(file, "# feed\n10.1.2.3,feed\n", StandardCharsets.UTF_8);
        assertEquals(1, ThreatIndicators.fromFile(file).size());
        CloudTrailMapper mapper = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false).threatIndicatorsFile(file).build();
        assertEquals("10.1.2.3", at(mapOk(mapper, record(USER, "")), "threat.enrichments.0.matched.atomic").asText());
    }

    @Test
    void theLastFeedOptionWinsAndAnEmptyFeedMatchesNothing() {
        ThreatIndicators feed = ThreatIndicators.parse(List.of("10.1.2.3,feed"), "inline");
        CloudTrailMapper replaced = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false)
                .threatIndicatorsFile(dir.resolve("never-read.csv")).threatIndicators(feed).build();
        assertEquals(1, at(mapOk(replaced, record(USER, "")), "threat.enrichments").size());
        CloudTrailMapper empty = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false)
                .threatIndicators(ThreatIndicators.parse(List.of("# nothing"), "empty")).build();
        assertTrue(at(mapOk(empty, record(USER, "")), "threat").isMissingNode());
    }

    @Test
    void typesAreInferredFromTheIndicator() {
        ThreatIndicators feed = ThreatIndicators.parse(List.of(
                "10.1.2.3,f", "arn:aws:iam::111122223333:user/alice,f", "AKIAEXAMPLEALICE0001,f",
                "aws-cli/2.15.0,f", "AKIAexampleLOWER0001,f"), "feed");
        CloudTrailMapper mapper = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false).threatIndicators(feed).build();
        JsonNode enrichments = at(mapOk(mapper, record(USER, "")), "threat.enrichments");
        List<String> seen = new ArrayList<>();
        enrichments.forEach(e -> seen.add(e.at("/indicator/type").asText() + " " + e.at("/matched/field").asText()));
        assertEquals(List.of("ipv4-addr source.ip", "software user_agent.original",
                "user-account aws.cloudtrail.user_identity.arn", "user-account aws.cloudtrail.user_identity.access_key_id"), seen);
    }

    @ParameterizedTest
    @CsvSource({
        // indicator, address, matches
        "10.0.0.0/8, 10.255.255.255, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "10.1.2.3/8, 10.9.9.9, true", // host bits in the range are ignored
        "0.0.0.0/0, 192.0.2.1, true",
        "0.0.0.0/8, 0.1.2.3, true", // a range whose masked address is all zeros
        "0.0.0.0/8, 1.1.2.3, false",
        "::/64, ::1, true",
        "0.0.0.0/0, 2001:db8::1, false",
        "192.0.2.1/32, 192.0.2.1, true",
        "192.0.2.1, 192.0.2.2, false",
        "192.0.2.1, ::ffff:192.0.2.1, true", // an IPv4-mapped address is the IPv4 address
        "::ffff:192.0.2.0/120, 192.0.2.77, true",
        "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "2001:db8::/32, 2001:db9::, false",
        "2001:db8:1:2:3:4:5:0/127, 2001:db8:1:2:3:4:5:1, true",
        "2001:db8:1:2:3:4:5:0/127, 2001:db8:1:2:3:4:5:2, false",
        "2001:db8:1:2::/64, 2001:db8:1:2:ffff::1, true",
        "2001:db8:1:2::/65, 2001:db8:1:2:8000::, false",
        "2001:db8::1, 2001:0DB8:0:0:0:0:0:1, true",
        "::/0, 2001:db8::1, true",
        "::/0, 192.0.2.1, false",
    })
    void addressesAndRanges(String indicator, String address, boolean matches) {
        ThreatIndicators feed = ThreatIndicators.parse(List.of(indicator + ",f"), "feed");
        CloudTrailMapper mapper = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false).threatIndicators(feed).build();
        JsonNode doc = mapOk(mapper, record(USER, "").replace("\"10.1.2.3\"", "\"" + address + "\""));
        assertEquals(matches, !at(doc, "threat").isMissingNode(), indicator + " vs " + address);
        if (matches) {
            assertEquals(indicator, at(doc, "threat.enrichments.0.indicator.name").asText());
            assertEquals(address, at(doc, "threat.enrichments.0.matched.atomic").asText());
        }
    }

    @Test
    void largeFeedsMatchExactlyWhatAScanOfTheFeedMatches() {
        Random random = new Random(42);
        List<String> lines = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>(); // network, prefix
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            int prefix = 8 + random.nextInt(25);
            int network = random.nextInt() & (prefix == 32 ? -1 : -1 << (32 - prefix));
            String line = v4(network) + "/" + prefix + ",big";
            if (distinct.add(line)) { // the same range twice would be one indicator
                lines.add(line);
                ranges.add(new int[] {network, prefix});
            }
        }
        ThreatIndicators feed = ThreatIndicators.parse(lines, "big");
        assertEquals(lines.size(), feed.size());
        CloudTrailMapper mapper = CloudTrailMapper.builder().geoIp(false).userAgentParsing(false).threatIndicators(feed).build();
        int matched = 0;
        for (int i = 0; i < 300; i++) {
            // Half inside a known range, half anywhere.
            int[] range = ranges.get(random.nextInt(ranges.size()));
            int address = i % 2 == 0 ? range[0] | (range[1] == 32 ? 0 : random.nextInt(1 << (32 - range[1]))) : random.nextInt();
            long expected = ranges.stream().filter(r -> r[1] == 32 ? r[0] == address : (address & (-1 << (32 - r[1]))) == r[0]).count();
            JsonNode doc = mapOk(mapper, record(USER, "").replace("\"10.1.2.3\"", "\"" + v4(address) + "\""));
            JsonNode enrichments = at(doc, "threat.enrichments");
            assertEquals(expected, enrichments.isMissingNode() ? 0 : enrichments.size(), v4(address));
            matched += expected > 0 ? 1 : 0;
        }
        assertTrue(matched >= 150, "the inside half matches: " + matched);
    }

    private static String v4(int bits) {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
