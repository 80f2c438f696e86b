package org.cloudtrailopensearch.loader.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void parsesWhatPeopleType() {
        assertEquals(Duration.ofSeconds(120), HumanDuration.parse("120s"));
        assertEquals(Duration.ofMinutes(5), HumanDuration.parse("5m"));
        assertEquals(Duration.ofSeconds(90), HumanDuration.parse("1m30s"));
        assertEquals(Duration.ofMillis(500), HumanDuration.parse("500ms"));
        assertEquals(Duration.ofHours(2), HumanDuration.parse("2h"));
        assertEquals(Duration.ofSeconds(45), HumanDuration.parse("45"));
        assertEquals(Duration.ofMinutes(2), HumanDuration.parse("PT2M"));
        assertEquals(Duration.ofMinutes(2), HumanDuration.parse("pt2m"));
        assertEquals(Duration.ZERO, HumanDuration.parse("0s"));
    }

    @Test
    void rejectsWhatIsNoDuration() {
        for (String text : new String[] {"", "5 minutes", "-5s", "1.5s", "PTxM", "m5", "PT-1S"}) {
            assertThrows(IllegalArgumentException.class, () -> HumanDuration.parse(text), text);
        }
    }

    @Test
    void formatsShortly() {
        assertEquals("5m0s", HumanDuration.format(Duration.ofMinutes(5)));
        assertEquals("1h2m3s", HumanDuration.format(Duration.ofSeconds(3723)));
        assertEquals("45s", HumanDuration.format(Duration.ofSeconds(45)));
        assertEquals("1.5s", HumanDuration.format(Duration.ofMillis(1500)));
        assertEquals("250ms", HumanDuration.format(Duration.ofMillis(250)));
    }
}
