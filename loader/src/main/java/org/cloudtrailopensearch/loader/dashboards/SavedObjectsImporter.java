package org.cloudtrailopensearch.loader.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.net.ssl.SSLException;
import org.cloudtrailopensearch.loader.index.TrustedCertificates;

/**
 * Imports a saved-objects bundle into OpenSearch Dashboards through its documented API:
 * {@code POST <url>/api/saved_objects/_import?overwrite=true}, multipart field {@code file} with a file name
 * ending in {@code .ndjson}, header {@code osd-xsrf: true}; optional basic auth and {@code securitytenant}
 * header. {@code overwrite=true} makes a re-import replace the objects with the same ids, so importing
 * again is safe.
 *
 * <p>TLS certificates and host names are always verified. Credentials go only into the Authorization header;
 * no message this class produces contains them.
 */
public final class SavedObjectsImporter {

    static final String IMPORT_PATH = "/api/saved_objects/_import";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardsTarget target;
    private final HttpClient http;
    private final Duration timeout;

    public SavedObjectsImporter(DashboardsTarget target) throws IOException {
        this(target, Duration.ofSeconds(10), Duration.ofMinutes(2));
    }

    SavedObjectsImporter(DashboardsTarget target, Duration connectTimeout, Duration timeout) throws IOException {
        this.target = target;
        this.timeout = timeout;
        String scheme = target.url().getScheme();
        if (target.url().getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new DashboardsException("not a usable OpenSearch Dashboards URL: " + target.url()
                    + " (expected http(s)://host[:port][/base-path])");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (target.caCertificate().isPresent()) {
            builder.sslContext(TrustedCertificates.sslContext(target.caCertificate().orElseThrow()));
        }
        this.http = builder.build();
    }

    public DashboardsTarget target() {
        return target;
    }

    /** The import endpoint for this target, with {@code overwrite=true}. */
    URI importUri() {
        return URI.create(target.base() + IMPORT_PATH + "?overwrite=true");
    }

    /**
     * Sends the bundle and returns what Dashboards answered with HTTP 200, partial failures included (check
     * {@link ImportResult#success()}). Anything else, from an unreachable host to HTTP 400, is a
     * {@link DashboardsException} with a one-line message.
     */
    public ImportResult importNdjson(String fileName, byte[] ndjson) throws DashboardsException {
        if (!fileName.endsWith(".ndjson")) {
            throw new IllegalArgumentException("Dashboards only imports files named *.ndjson, not " + fileName);
        }
        String boundary = "----cloudtrail-opensearch-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(importUri())
                .timeout(timeout)
                .header("osd-xsrf", "true")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, ndjson)));
        target.credentials().ifPresent(c -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))));
        target.tenant().ifPresent(tenant -> request.header("securitytenant", tenant));
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() == 200) {
            return ImportResult.parse(response.body());
        }
        throw new DashboardsException(refusal(response.statusCode(), response.body(),
                response.headers().firstValue("Location").orElse(null)));
    }

    private HttpResponse<String> send(HttpRequest request) throws DashboardsException {
        String where = "OpenSearch Dashboards at " + target.base();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new DashboardsException("cannot reach " + where + ": connection timed out", e);
        } catch (HttpTimeoutException e) {
            throw new DashboardsException(where + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            if (hasCause(e, UnresolvedAddressException.class)) {
                throw new DashboardsException("cannot reach " + where + ": unknown host " + target.url().getHost(), e);
            }
            throw new DashboardsException("cannot reach " + where + ": " + reason(e, "connection refused"), e);
        } catch (SSLException e) {
            throw new DashboardsException("TLS with " + where + " failed: " + reason(e, "handshake failed")
                    + " (if its certificate comes from your own CA, pass it with --dashboards-ca-cert)", e);
        } catch (IOException e) {
            throw new DashboardsException("cannot talk to " + where + ": " + reason(e, e.getClass().getSimpleName()), e);
        } catch (UnresolvedAddressException e) {
            throw new DashboardsException("cannot reach " + where + ": unknown host " + target.url().getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DashboardsException("interrupted while importing into " + where, e);
        }
    }

    /** The one line for a non-200 answer; Dashboards errors are {@code {"statusCode","error","message"}}. */
    static String refusal(int status, String body, String location) {
        String message = errorMessage(body);
        String prefix = "OpenSearch Dashboards ";
        return switch (status) {
            case 400 -> prefix + "refused the import (HTTP 400): " + message;
            case 401 -> prefix + "did not accept the credentials (HTTP 401); set OPENSEARCH_DASHBOARDS_USERNAME and "
                    + "OPENSEARCH_DASHBOARDS_PASSWORD (or the OpenSearch credentials)" + suffix(message);
            case 403 -> prefix + "does not allow this user to import saved objects (HTTP 403)" + suffix(message);
            case 404 -> prefix + "has no saved-objects import API at this URL (HTTP 404); give its base URL, e.g. "
                    + "http://localhost:5601 or https://host/_dashboards" + suffix(message);
            case 413 -> prefix + "refused the bundle as too large (HTTP 413; see savedObjects.maxImportPayloadBytes)"
                    + suffix(message);
            case 301, 302, 303, 307, 308 -> prefix + "redirected the import to " + (location == null ? "another URL" : location)
                    + " (HTTP " + status + "); pass the Dashboards base URL that does not redirect";
            default -> prefix + "answered HTTP " + status + suffix(message);
        };
    }

    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty answer)";
        }
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.hasNonNull("message")) {
                return error.path("message").asText();
            }
            if (error != null && error.hasNonNull("error")) {
                return error.path("error").isValueNode() ? error.path("error").asText() : error.path("error").toString();
            }
        } catch (IOException e) {
            // not JSON: show the start of it
        }
        return ImportResult.abbreviate(body);
    }

    private static String suffix(String message) {
        return message.equals("(empty answer)") ? "" : ": " + message;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e, String fallback) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return fallback;
    }

    static byte[] multipart(String boundary, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
