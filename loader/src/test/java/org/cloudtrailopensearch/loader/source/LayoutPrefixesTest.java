package org.cloudtrailopensearch.loader.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LayoutPrefixesTest {

    private static final String ORG = "o-a1b2c3d4e5";

    /** A key space built from object keys, answering folder listings as S3 with delimiter '/' would. */
    private static final class Keys implements KeyFolders {
        private final List<String> keys;
        final List<String> asked = new ArrayList<>();

        Keys(String... keys) {
            this.keys = List.of(keys);
        }

        @Override
        public List<String> children(String prefix) {
            asked.add(prefix);
            Set<String> names = new TreeSet<>();
            for (String key : keys) {
                if (key.startsWith(prefix) && key.indexOf('/', prefix.length()) > 0) {
                    names.add(key.substring(prefix.length(), key.indexOf('/', prefix.length())));
                }
            }
            return List.copyOf(names);
        }
    }

    private static String log(String base, String account, String region, String day) {
        return base + "AWSLogs/" + account + "/CloudTrail/" + region + "/" + day + "/" + account + "_CloudTrail_"
                + region + "_x.json.gz";
    }

    @Test
    void dayRangesBecomeTheFewestYearMonthAndDayFolders() {
        assertEquals(List.of("2026/11/20/"), LayoutPrefixes.dayFolders(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20)));
        assertEquals(List.of("2026/11/29/", "2026/11/30/", "2026/12/01/"),
                LayoutPrefixes.dayFolders(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 12, 1)));
        assertEquals(List.of("2025/12/31/", "2026/", "2027/01/", "2027/02/01/"),
                LayoutPrefixes.dayFolders(LocalDate.of(2025, 12, 31), LocalDate.of(2027, 2, 1)));
        assertEquals(List.of("2024/02/"), LayoutPrefixes.dayFolders(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)),
                "a leap February is one month");
    }

    @Test
    void namedAccountsRegionsAndDaysAreTheirOwnPrefixes() throws IOException {
        Keys keys = new Keys(log("", "111111111111", "us-east-1", "2026/01/05"),
                log("", "222222222222", "eu-west-1", "2026/01/05"));
        KeyLayoutFilter filter = KeyLayoutFilter.builder().accounts(List.of("111111111111"))
                .regions(List.of("us-east-1", "eu-west-1")).from(LocalDate.of(2026, 1, 5)).to(LocalDate.of(2026, 1, 6))
                .build();

        List<String> prefixes = LayoutPrefixes.compute(keys, "", filter);

        assertEquals(List.of(
                "AWSLogs/111111111111/CloudTrail/eu-west-1/2026/01/05/",
                "AWSLogs/111111111111/CloudTrail/eu-west-1/2026/01/06/",
                "AWSLogs/111111111111/CloudTrail/us-east-1/2026/01/05/",
                "AWSLogs/111111111111/CloudTrail/us-east-1/2026/01/06/"), prefixes);
        assertTrue(keys.asked.stream().noneMatch(p -> p.contains("222222222222")), "another account is never listed: "
                + keys.asked);
    }

    @Test
    void openLevelsAreDiscoveredOneFolderAtATime() throws IOException {
        Keys keys = new Keys(log("logs/", "111111111111", "us-east-1", "2026/01/05"),
                log("logs/", "111111111111", "eu-west-1", "2026/01/05"),
                log("logs/", ORG + "/333333333333", "us-east-1", "2026/01/05"),
                "logs/AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz",
                "logs/AWSLogs/111111111111/CloudTrail-Insight/us-east-1/2026/01/05/i.json.gz",
                "logs/public-keys.json");

        List<String> prefixes = LayoutPrefixes.compute(keys, "logs/", KeyLayoutFilter.builder()
                .regions(List.of("us-east-1")).build());

        assertEquals(List.of(
                "logs/AWSLogs/111111111111/CloudTrail-Insight/us-east-1/",
                "logs/AWSLogs/111111111111/CloudTrail/us-east-1/",
                "logs/AWSLogs/" + ORG + "/333333333333/CloudTrail/us-east-1/"), prefixes,
                "organisation and plain accounts are found; digests only when asked for");
    }

    @Test
    void digestsAreListedWhenAskedFor() throws IOException {
        Keys keys = new Keys("AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz",
                log("", "111111111111", "us-east-1", "2026/01/05"));
        List<String> prefixes = LayoutPrefixes.compute(keys, "", KeyLayoutFilter.builder()
                .accounts(List.of("111111111111")).digests(true).build());
        assertEquals(List.of("AWSLogs/111111111111/CloudTrail-Digest/us-east-1/",
                "AWSLogs/111111111111/CloudTrail/us-east-1/"), prefixes);
    }

    @Test
    void theOrganisationIdSelectsItsFolderOnly() throws IOException {
        Keys keys = new Keys(log("", ORG + "/333333333333", "us-east-1", "2026/01/05"),
                log("", "o-zzzzzzzzzz/444444444444", "us-east-1", "2026/01/05"),
                log("", "111111111111", "us-east-1", "2026/01/05"));
        List<String> prefixes = LayoutPrefixes.compute(keys, "", KeyLayoutFilter.builder().organizationId(ORG).build());
        assertEquals(List.of("AWSLogs/" + ORG + "/333333333333/CloudTrail/us-east-1/"), prefixes);
        assertTrue(keys.asked.stream().noneMatch(p -> p.equals("AWSLogs/")), "the other trails are not even looked at");
    }

    @Test
    void anOpenEndOfTheDayRangeReachesTheYearsPresent() throws IOException {
        Keys keys = new Keys(log("", "111111111111", "us-east-1", "2025/06/01"),
                log("", "111111111111", "us-east-1", "2026/03/02"));
        assertEquals(List.of("AWSLogs/111111111111/CloudTrail/us-east-1/2026/03/02/",
                        "AWSLogs/111111111111/CloudTrail/us-east-1/2026/03/03/",
                        "AWSLogs/111111111111/CloudTrail/us-east-1/2026/03/04/"),
                LayoutPrefixes.compute(keys, "", KeyLayoutFilter.builder().from(LocalDate.of(2026, 3, 2)).build())
                        .subList(0, 3));
        List<String> untilEndOf2025 = LayoutPrefixes.compute(keys, "", KeyLayoutFilter.builder()
                .to(LocalDate.of(2025, 12, 31)).build());
        assertEquals(List.of("AWSLogs/111111111111/CloudTrail/us-east-1/2025/"), untilEndOf2025);
        assertEquals(List.of(), LayoutPrefixes.compute(keys, "", KeyLayoutFilter.builder()
                .from(LocalDate.of(2027, 1, 1)).build()), "after the last year present nothing is listed");
    }

    @Test
    void theTrailRootIsThePartBeforeAwsLogs() {
        assertEquals("", LayoutPrefixes.trailRoot(""));
        assertEquals("logs/", LayoutPrefixes.trailRoot("logs"));
        assertEquals("", LayoutPrefixes.trailRoot("AWSLogs/"));
        assertEquals("logs/", LayoutPrefixes.trailRoot("logs/AWSLogs"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayoutPrefixes.trailRoot("logs/AWSLogs/111111111111/"));
        assertTrue(e.getMessage().contains("root"), e.getMessage());
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyLayoutFilter.builder().from(LocalDate.of(2026, 1, 2))
                .to(LocalDate.of(2026, 1, 1)).build());
    }
}
