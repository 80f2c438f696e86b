package org.cloudtrailopensearch.loader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code load}'s options as picocli parses them. */
class LoadCommandTest {

    private static LoadCommand parse(String... args) {
        LoadCommand command = new LoadCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void noSetupTurnsTheTemplateSetupOff() {
        // The negatable form this replaces (defaultValue and fallbackValue "true") left setup on for --no-setup.
        assertTrue(parse("in/", "--no-setup").jobOptions.noSetup);
        assertFalse(parse("in/").jobOptions.noSetup, "setup runs by default");
    }

    @Test
    void takesTheMapperOptions() {
        LoadCommand command = parse("in/", "--admin-users", "admins.txt", "--threat-indicators", "feed.csv",
                "--environment", "prod");

        assertEquals(Path.of("admins.txt"), command.mapperOptions.adminUsers);
        assertEquals(Path.of("feed.csv"), command.mapperOptions.threatIndicators);
        assertEquals("prod", command.mapperOptions.environment);
    }

    @Test
    void maxRetryTimeTakesShortAndIsoDurationsAndDefaultsToFiveMinutes() {
        assertEquals(java.time.Duration.ofMinutes(5), parse("in/").jobOptions.maxRetryTime);
        assertEquals(java.time.Duration.ofSeconds(120), parse("in/", "--max-retry-time", "120s").jobOptions.maxRetryTime);
        assertEquals(java.time.Duration.ofSeconds(90), parse("in/", "--max-retry-time", "PT1M30S").jobOptions.maxRetryTime);
        org.junit.jupiter.api.Assertions.assertThrows(CommandLine.ParameterException.class,
                () -> parse("in/", "--max-retry-time", "soon"));
    }

    @Test
    void theStopMessageNeverShowsCredentialsInTheUrl() {
        assertEquals("https://search.example:9200/os",
                LoadCommand.withoutUserInfo(java.net.URI.create("https://admin:s3cret@search.example:9200/os")));
        assertEquals("http://localhost:9200", LoadCommand.withoutUserInfo(java.net.URI.create("http://localhost:9200")));
    }

    @Test
    void readsStdinAsTheSourceNamedDash() {
        LoadCommand command = parse("-", "--state", "s.jsonl");

        assertEquals(java.util.List.of("-"), command.sources);
        assertEquals(Path.of("s.jsonl"), command.sourceOptions.state.stateFile);
        assertEquals(null, command.sourceOptions.problem(command.sources, false));
    }

    @Test
    void refusesOptionCombinationsThatCannotWork() {
        assertTrue(parse("-", "-").sourceOptions.problem(java.util.List.of("-", "-"), false).contains("once"));
        assertTrue(parse("-").sourceOptions.problem(java.util.List.of("-"), true).contains("--verify-integrity"));
        assertTrue(parse("in/", "--restart").sourceOptions.problem(java.util.List.of("in/"), false).contains("--state"));
    }

    @Test
    void takesTheKeyLayoutFilters() {
        LoadCommand command = parse("s3://bucket/logs/", "--account", "111111111111,222222222222", "--region",
                "us-east-1", "--from", "2026-01-05", "--to", "2026-01-06", "--organization-id", "o-a1b2c3d4e5");

        var filter = command.sourceOptions.layoutFilter(false);
        assertEquals(java.util.Set.of("111111111111", "222222222222"), filter.accounts());
        assertEquals(java.util.Set.of("us-east-1"), filter.regions());
        assertEquals(java.time.LocalDate.of(2026, 1, 5), filter.from().orElseThrow());
        assertEquals(java.time.LocalDate.of(2026, 1, 6), filter.to().orElseThrow());
        assertEquals("o-a1b2c3d4e5", filter.organizationId().orElseThrow());
        assertEquals(null, command.sourceOptions.problem(command.sources, false));
    }

    @Test
    void refusesFiltersOnAPrefixInsideTheLayoutAndAnEmptyDayRange() {
        LoadCommand inside = parse("s3://bucket/AWSLogs/111111111111/", "--region", "us-east-1");
        assertTrue(inside.sourceOptions.problem(inside.sources, false).contains("before AWSLogs/"));
        LoadCommand backwards = parse("in/", "--from", "2026-01-06", "--to", "2026-01-05");
        assertTrue(backwards.sourceOptions.problem(backwards.sources, false).contains("after"));
    }
}
