package org.cloudtrailopensearch.loader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --incident --quiet}: the options reach the generator. */
class GenerateCommandTest {

    @TempDir
    Path work;

    @Test
    void incidentWritesTheFeedTheAdminListAndThePlantedEvents() {
        Path out = work.resolve("trail");

        int exit = Main.run("generate", "--out", out.toString(), "--hours", "5", "--accounts", "1", "--regions", "us-east-1",
                "--incident", "--quiet");

        assertEquals(0, exit);
        assertTrue(Files.isRegularFile(out.resolve(TrailGenerator.THREAT_INDICATORS_FILE)));
        assertTrue(Files.isRegularFile(out.resolve(TrailGenerator.ADMIN_USERS_FILE)));
        assertTrue(Files.isRegularFile(out.resolve(TrailGenerator.PLANTED_EVENTS_FILE)));
    }

    @Test
    void withoutIncidentNoneOfThem() {
        Path out = work.resolve("plain");

        assertEquals(0, Main.run("generate", "--out", out.toString(), "--hours", "1", "--accounts", "1"));
        assertFalse(Files.exists(out.resolve(TrailGenerator.THREAT_INDICATORS_FILE)));
    }
}
