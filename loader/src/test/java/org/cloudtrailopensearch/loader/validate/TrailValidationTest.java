package org.cloudtrailopensearch.loader.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrailValidationTest {

    @Test
    void validationStartsAboveAwsLogsWhateverPartOfTheTrailWasNamed() {
        assertEquals("/data/trail/", TrailValidation.trailRoot("/data/trail/AWSLogs"));
        assertEquals("/data/trail/", TrailValidation.trailRoot("/data/trail/AWSLogs/111122223333/CloudTrail/"));
        assertEquals("/data/trail", TrailValidation.trailRoot("/data/trail"));
        assertEquals("logs/", TrailValidation.trailRoot("logs/AWSLogs/o-abc123/"));
        assertEquals("", TrailValidation.trailRoot("AWSLogs/111122223333"));
        assertEquals("", TrailValidation.trailRoot(""));
        assertEquals("/data/MyAWSLogs/", TrailValidation.trailRoot("/data/MyAWSLogs/"), "only a whole AWSLogs segment counts");
    }
}
