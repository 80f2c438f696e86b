package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.at;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.mapOk;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.record;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cloudtrailopensearch.mapper.rules.PayloadFields;
import org.junit.jupiter.api.Test;

/** A payload whose text reaches the keyword limit keeps only the text (the case files hold the ordinary payloads). */
class PayloadLimitTest {

    @Test
    void payloadsAtTheKeywordLimitAreNotFlattened() {
        String big = "x".repeat(PayloadFields.FLATTENED_LIMIT);
        ObjectNode large = mapOk(record("{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"userName\":\"alice\"}",
                "\"requestParameters\":{\"policy\":\"" + big + "\"}"));
        assertEquals("{policy=" + big + "}", text(large, "aws.cloudtrail.request_parameters"));
        assertTrue(at(large, "aws.cloudtrail.flattened.request_parameters").isMissingNode());
    }
}
