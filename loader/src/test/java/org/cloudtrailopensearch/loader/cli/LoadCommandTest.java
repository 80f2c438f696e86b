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
        assertTrue(parse("in/", "--no-setup").noSetup);
        assertFalse(parse("in/").noSetup, "setup runs by default");
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
        assertEquals(java.time.Duration.ofMinutes(5), parse("in/").maxRetryTime);
        assertEquals(java.time.Duration.ofSeconds(120), parse("in/", "--max-retry-time", "120s").maxRetryTime);
        assertEquals(java.time.Duration.ofSeconds(90), parse("in/", "--max-retry-time", "PT1M30S").maxRetryTime);
        org.junit.jupiter.api.Assertions.assertThrows(CommandLine.ParameterException.class,
                () -> parse("in/", "--max-retry-time", "soon"));
    }

    @Test
    void theStopMessageNeverShowsCredentialsInTheUrl() {
        assertEquals("https://search.example:9200/os",
                LoadCommand.withoutUserInfo(java.net.URI.create("https://admin:s3cret@search.example:9200/os")));
        assertEquals("http://localhost:9200", LoadCommand.withoutUserInfo(java.net.URI.create("http://localhost:9200")));
    }
}
