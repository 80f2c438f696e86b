package org.cloudtrailopensearch.loader.dashboards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget.Credentials;
import org.cloudtrailopensearch.loader.support.FakeHttpServer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Answer;
import org.cloudtrailopensearch.loader.support.FakeHttpServer.Request;
import org.junit.jupiter.api.Test;

/**
 * The importer's HTTP exchange with OpenSearch Dashboards, against a JDK {@code com.sun.net.httpserver} server.
 *
 * <p>OpenSearch Dashboards cannot be installed here (it ships only as a tarball or Docker image, neither of which
 * the build can fetch or run), so this is no test of Dashboards itself: it checks <em>our side</em> of the
 * documented saved-objects import contract. The fake server asserts the documented request
 * ({@code POST /api/saved_objects/_import?overwrite=true}, header {@code osd-xsrf: true}, multipart field
 * {@code file} with a file name ending in {@code .ndjson}, basic auth, {@code securitytenant}) and answers with the
 * documented response shapes: full success, HTTP 200 with {@code success:false} (missing_references, conflict),
 * and HTTP 400 with Dashboards' {@code {"statusCode","error","message"}} body.
 */
class SavedObjectsImporterTest {

    private static final byte[] BUNDLE = ("{\"type\":\"index-pattern\",\"id\":\"cloudtrail\",\"attributes\":{\"title\":\"cloudtrail\"}}\n"
            + "{\"type\":\"dashboard\",\"id\":\"ct-overview\",\"attributes\":{\"title\":\"CloudTrail overview\"}}\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final String FILE_NAME = "cloudtrail-dashboards.ndjson";

    /** Checks a request against the documented contract; answers 400 naming what is wrong, like a strict server. */
    private static String contractViolation(Request request) {
        if (!request.method().equals("POST")) {
            return "method " + request.method();
        }
        if (!request.path().endsWith("/api/saved_objects/_import")) {
            return "path " + request.path();
        }
        if (!"overwrite=true".equals(request.query())) {
            return "query " + request.query();
        }
        if (!"true".equals(request.header("osd-xsrf"))) {
            return "Request must contain a osd-xsrf header.";
        }
        Multipart part = Multipart.parse(request);
        if (part == null) {
            return "not a multipart/form-data body with one part";
        }
        if (!part.name.equals("file")) {
            return "field " + part.name;
        }
        if (!part.fileName.endsWith(".ndjson")) {
            return "Invalid file extension " + part.fileName.substring(part.fileName.lastIndexOf('.'));
        }
        if (!Arrays.equals(BUNDLE, part.content)) {
            return "file content differs";
        }
        return null;
    }

    private static Answer strictly(Request request, Answer answer) {
        String violation = contractViolation(request);
        return violation == null ? answer
                : Answer.json(400, "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"" + violation + "\"}");
    }

    @Test
    void sendsTheDocumentedRequestAndReadsAFullSuccess() throws Exception {
        try (FakeHttpServer osd = new FakeHttpServer(r -> strictly(r, Answer.json(200, ImportResultTest.FULL_SUCCESS)))) {
            ImportResult result = importer(DashboardsTarget.of(osd.url())).importNdjson(FILE_NAME, BUNDLE);

            assertTrue(result.success());
            assertEquals(3, result.successCount());
            Request request = osd.requests().get(0);
            assertEquals("/api/saved_objects/_import", request.path());
            assertNull(request.header("authorization"), "no credentials, no Authorization header");
            assertNull(request.header("securitytenant"));
            assertEquals(FILE_NAME, Multipart.parse(request).fileName);
        }
    }

    @Test
    void sendsBasicAuthTheTenantAndKeepsTheBasePath() throws Exception {
        try (FakeHttpServer osd = new FakeHttpServer(r -> strictly(r, Answer.json(200, ImportResultTest.FULL_SUCCESS)))) {
            DashboardsTarget target = new DashboardsTarget(URI.create(osd.url() + "/_dashboards/"),
                    Optional.of(new Credentials("analyst", "s3cr3t:pw")), Optional.empty(), Optional.of("global"));

            importer(target).importNdjson(FILE_NAME, BUNDLE);

            Request request = osd.requests().get(0);
            assertEquals("/_dashboards/api/saved_objects/_import", request.path());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("analyst:s3cr3t:pw".getBytes(StandardCharsets.UTF_8)),
                    request.header("authorization"));
            assertEquals("global", request.header("securitytenant"));
            assertFalse(target.toString().contains("s3cr3t"), target.toString());
        }
    }

    @Test
    void http200WithSuccessFalseComesBackWithEveryObjectError() throws Exception {
        try (FakeHttpServer osd = new FakeHttpServer(r -> strictly(r, Answer.json(200, ImportResultTest.PARTIAL_FAILURE)))) {
            ImportResult result = importer(DashboardsTarget.of(osd.url())).importNdjson(FILE_NAME, BUNDLE);

            assertFalse(result.success());
            assertEquals(4, result.errors().size());
            assertEquals("conflict", result.errors().get(0).errorType());
            assertEquals("missing_references", result.errors().get(1).errorType());
        }
    }

    @Test
    void http400BecomesOneLineWithDashboardsMessage() throws Exception {
        try (FakeHttpServer osd = new FakeHttpServer(r -> Answer.json(400,
                "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"Invalid file extension .json\"}"))) {
            DashboardsException e = assertThrows(DashboardsException.class,
                    () -> importer(DashboardsTarget.of(osd.url())).importNdjson(FILE_NAME, BUNDLE));

            assertEquals("OpenSearch Dashboards refused the import (HTTP 400): Invalid file extension .json", e.getMessage());
        }
    }

    @Test
    void theStrictServerWouldRefuseAFileNameThatIsNotNdjson() {
        assertThrows(IllegalArgumentException.class,
                () -> importer(DashboardsTarget.of(URI.create("http://127.0.0.1:9"))).importNdjson("bundle.json", BUNDLE));
    }

    @Test
    void authenticationAndRedirectAndNotFoundSayWhatToDo() throws Exception {
        Map<Integer, Answer> answers = Map.of(
                401, Answer.json(401, "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Authentication required\"}"),
                302, new Answer(302, "", Map.of("Location", "/auth/login")),
                404, Answer.json(404, "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Not Found\"}"));
        for (var entry : answers.entrySet()) {
            try (FakeHttpServer osd = new FakeHttpServer(r -> entry.getValue())) {
                DashboardsTarget target = new DashboardsTarget(osd.url(), Optional.of(new Credentials("u", "topsecret")),
                        Optional.empty(), Optional.empty());
                DashboardsException e = assertThrows(DashboardsException.class,
                        () -> importer(target).importNdjson(FILE_NAME, BUNDLE));
                String message = e.getMessage();
                assertTrue(message.contains("HTTP " + entry.getKey()), message);
                assertFalse(message.contains("topsecret"), message);
                assertFalse(message.contains("\n"), message);
                switch (entry.getKey()) {
                    case 401 -> assertTrue(message.contains("OPENSEARCH_DASHBOARDS_USERNAME"), message);
                    case 302 -> assertTrue(message.contains("/auth/login"), message);
                    default -> assertTrue(message.contains("base URL"), message);
                }
            }
        }
    }

    @Test
    void anUnreachableDashboardsIsOneClearLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DashboardsException e = assertThrows(DashboardsException.class,
                () -> importer(DashboardsTarget.of(URI.create("http://127.0.0.1:" + closedPort))).importNdjson(FILE_NAME, BUNDLE));

        assertTrue(e.getMessage().startsWith("cannot reach OpenSearch Dashboards at http://127.0.0.1:" + closedPort), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedUpFront() {
        DashboardsException e = assertThrows(DashboardsException.class,
                () -> new SavedObjectsImporter(DashboardsTarget.of(URI.create("localhost:5601"))));
        assertTrue(e.getMessage().contains("not a usable OpenSearch Dashboards URL"), e.getMessage());
    }

    private static SavedObjectsImporter importer(DashboardsTarget target) throws Exception {
        return new SavedObjectsImporter(target, Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    /** The single part of a multipart/form-data body. */
    private record Multipart(String name, String fileName, byte[] content) {
        private static final Pattern BOUNDARY = Pattern.compile("multipart/form-data;\\s*boundary=(\\S+)");
        private static final Pattern DISPOSITION = Pattern.compile(
                "Content-Disposition: form-data; name=\"([^\"]*)\"; filename=\"([^\"]*)\"");

        static Multipart parse(Request request) {
            String contentType = request.header("content-type");
            Matcher boundary = contentType == null ? null : BOUNDARY.matcher(contentType);
            if (boundary == null || !boundary.matches()) {
                return null;
            }
            byte[] body = request.body();
            String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte, to cut bytes exactly
            String open = "--" + boundary.group(1) + "\r\n";
            String close = "\r\n--" + boundary.group(1) + "--\r\n";
            int headersEnd = text.indexOf("\r\n\r\n");
            if (!text.startsWith(open) || !text.endsWith(close) || headersEnd < 0) {
                return null;
            }
            Matcher disposition = DISPOSITION.matcher(text.substring(open.length(), headersEnd));
            if (!disposition.find()) {
                return null;
            }
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, body.length - close.length());
            return new Multipart(disposition.group(1), disposition.group(2), content);
        }
    }

    @Test
    void theMultipartBodyHasExactlyTheBundleBytes() {
        byte[] body = SavedObjectsImporter.multipart("B", FILE_NAME, BUNDLE);
        Request request = new Request("POST", "/", null, Map.of("content-type",
                java.util.List.of("multipart/form-data; boundary=B")), body);
        assertArrayEquals(BUNDLE, Multipart.parse(request).content());
    }
}
