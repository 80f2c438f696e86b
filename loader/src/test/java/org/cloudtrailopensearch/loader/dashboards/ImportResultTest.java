package org.cloudtrailopensearch.loader.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the answer of {@code POST /api/saved_objects/_import} is read. Dashboards answers HTTP 200 also when objects
 * were not imported, so {@code success} and every entry of {@code errors} must come through. The response shapes
 * are those of the saved-objects API documentation (success, successCount, successResults, errors[].error.type).
 */
class ImportResultTest {

    static final String FULL_SUCCESS = """
            {"successCount":3,"success":true,"successResults":[
              {"type":"index-pattern","id":"cloudtrail","meta":{"title":"cloudtrail","icon":"indexPatternApp"}},
              {"type":"visualization","id":"ct-actions","meta":{"title":"Top actions","icon":"visualizeApp"}},
              {"type":"dashboard","id":"ct-overview","meta":{"title":"CloudTrail overview","icon":"dashboardApp"}}]}
            """;

    static final String PARTIAL_FAILURE = """
            {"success":false,"successCount":1,
             "successResults":[{"type":"index-pattern","id":"cloudtrail","meta":{"title":"cloudtrail"}}],
             "errors":[
              {"id":"ct-actions","type":"visualization","title":"Top actions","meta":{"title":"Top actions"},
               "error":{"type":"conflict"}},
              {"id":"ct-overview","type":"dashboard","title":"CloudTrail overview",
               "error":{"type":"missing_references","references":[{"type":"index-pattern","id":"logs-*"},
                                                                   {"type":"visualization","id":"gone"}]}},
              {"id":"m1","type":"map","meta":{"title":"Map"},"error":{"type":"unsupported_type"}},
              {"id":"x1","type":"visualization","error":{"type":"unknown","message":"cannot read visState","statusCode":400}}]}
            """;

    @Test
    void fullSuccessCountsEveryObject() throws Exception {
        ImportResult result = ImportResult.parse(FULL_SUCCESS);

        assertTrue(result.success());
        assertEquals(3, result.successCount());
        assertEquals(List.of(), result.errors());
        assertEquals("dashboard/ct-overview \"CloudTrail overview\"", result.imported().get(2).toString());
        assertEquals(3, result.attempted());
    }

    @Test
    void partialFailureKeepsEveryObjectErrorWithTypeIdAndErrorType() throws Exception {
        ImportResult result = ImportResult.parse(PARTIAL_FAILURE);

        assertFalse(result.success(), "HTTP 200 but success=false");
        assertEquals(1, result.successCount());
        assertEquals(5, result.attempted());
        assertEquals(List.of(
                "visualization/ct-actions \"Top actions\": conflict (an object with this id exists)",
                "dashboard/ct-overview \"CloudTrail overview\": missing_references (missing index-pattern/logs-*, visualization/gone)",
                "map/m1 \"Map\": unsupported_type (this Dashboards does not know the object type)",
                "visualization/x1: unknown (cannot read visState; status 400)"),
                result.errors().stream().map(ImportResult.ObjectError::describe).toList());
        assertEquals("missing_references", result.errors().get(1).errorType());
        assertEquals("ct-overview", result.errors().get(1).object().id());
    }

    @Test
    void successFalseWithoutErrorsIsStillAFailure() throws Exception {
        ImportResult result = ImportResult.parse("{\"success\":false,\"successCount\":0}");

        assertFalse(result.success());
        assertEquals(0, result.successCount());
    }

    @Test
    void anErrorWithoutTypeIsUnknown() throws Exception {
        ImportResult result = ImportResult.parse("{\"success\":false,\"successCount\":0,\"errors\":[{\"id\":\"a\",\"type\":\"search\"}]}");

        assertEquals("search/a: unknown", result.errors().get(0).describe());
    }

    @Test
    void aPageThatIsNotAnImportResponseIsRefusedWithAClearMessage() {
        DashboardsException html = assertThrows(DashboardsException.class,
                () -> ImportResult.parse("<html><body>Please log in</body></html>"));
        assertTrue(html.getMessage().contains("not JSON"), html.getMessage());
        assertTrue(html.getMessage().contains("Please log in"), html.getMessage());

        DashboardsException other = assertThrows(DashboardsException.class, () -> ImportResult.parse("{\"name\":\"osd\"}"));
        assertTrue(other.getMessage().contains("no \"success\" field"), other.getMessage());
    }
}
