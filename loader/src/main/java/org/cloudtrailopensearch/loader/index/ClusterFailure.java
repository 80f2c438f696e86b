package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * A cluster that cannot be used at all: not reachable, TLS not agreed, credentials refused. Its message is the
 * one line a person reads: what failed, at which URL (never with credentials), and what to check. Every command
 * that talks to OpenSearch reports these the same way, with exit code 2 (see {@link #classify}).
 */
public final class ClusterFailure extends IOException {

    /** What went wrong, with the hint that goes with it. */
    public enum Kind {
        CONNECTION_REFUSED("connection refused", "is OpenSearch running there, and are the host and port of --opensearch-url right?"),
        NO_ROUTE("no route to the host", "is the host reachable from here (firewall, VPC, proxy)?"),
        UNKNOWN_HOST("unknown host", "check the host name in --opensearch-url (or OPENSEARCH_URL)"),
        TIMEOUT("no answer in time", "is the host reachable from here (firewall, VPC, proxy), and is the port right?"),
        TLS_UNTRUSTED("the TLS certificate could not be verified",
                "pass the CA certificate that signed the cluster's certificate with --ca-cert PEM"),
        TLS_HOST_MISMATCH("the TLS certificate does not name this host",
                "use the host name the certificate was issued for in --opensearch-url"),
        NOT_TLS("the server does not speak TLS on this port", "is the URL https:// where the cluster serves plain http://?"),
        CLOSED_WITHOUT_ANSWER("the server closed the connection without an answer",
                "if the cluster uses TLS, the URL must start with https://"),
        TLS_FAILED("the TLS handshake failed", "check the URL's scheme and port, and --ca-cert"),
        UNAUTHORIZED("authentication failed (HTTP 401)",
                "check OPENSEARCH_USERNAME/OPENSEARCH_PASSWORD or --credentials-file (or the AWS credentials with --aws-sigv4)"),
        FORBIDDEN("access denied (HTTP 403)",
                "the user or role lacks a permission the command needs (cluster monitor, index templates, bulk on cloudtrail-*)"),
        AWS_CREDENTIALS("no AWS credentials found",
                "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run where an instance or container role is available"),
        UNEXPECTED("the probe request failed", "check --opensearch-url");

        private final String what;
        private final String hint;

        Kind(String what, String hint) {
            this.what = what;
            this.hint = hint;
        }

        public String what() {
            return what;
        }

        public String hint() {
            return hint;
        }
    }

    private final Kind kind;

    private ClusterFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The failure {@code e} stands for when talking to {@code url}, if it is one of the {@link Kind}s; empty for
     * anything else (a bug, a refused document, a full disk), which callers report in their own words.
     */
    public static Optional<ClusterFailure> classify(URI url, Throwable e) {
        Objects.requireNonNull(url, "url");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClusterFailure failure) {
                return Optional.of(failure);
            }
        }
        return kindOf(e).map(kind -> new ClusterFailure(kind,
                "OpenSearch at " + redacted(url) + ": " + kind.what() + detail(url, kind, e) + "; " + kind.hint(), e));
    }

    /** A probe failure of none of the other kinds: its own message, still on one line and naming the URL. */
    static ClusterFailure unclassified(URI url, Throwable e) {
        String cause = null;
        for (Throwable t = e; t != null && cause == null; t = t.getCause()) {
            cause = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage();
        }
        cause = cause == null ? e.getClass().getSimpleName() : cause.replaceAll("\\s+", " ").strip();
        return new ClusterFailure(Kind.UNEXPECTED, "OpenSearch at " + redacted(url) + ": " + Kind.UNEXPECTED.what()
                + " (" + cause + "); " + Kind.UNEXPECTED.hint(), e);
    }

    /** {@code url} without user information, so that a password given in the URL is never printed. */
    public static String redacted(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment()).toString();
        } catch (java.net.URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }

    private static Optional<Kind> kindOf(Throwable e) {
        Integer status = httpStatus(e);
        if (status != null && status == 401) {
            return Optional.of(Kind.UNAUTHORIZED);
        }
        if (status != null && status == 403) {
            return Optional.of(Kind.FORBIDDEN);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            Optional<Kind> kind = kindOfOne(t);
            if (kind.isPresent()) {
                return kind;
            }
        }
        return Optional.empty();
    }

    private static Optional<Kind> kindOfOne(Throwable t) {
        String message = Objects.toString(t.getMessage(), "").toLowerCase(Locale.ROOT);
        String type = t.getClass().getName();
        if (t instanceof NoRouteToHostException) {
            return Optional.of(Kind.NO_ROUTE);
        }
        if (t instanceof ConnectException) {
            return Optional.of(Kind.CONNECTION_REFUSED);
        }
        if (t instanceof UnknownHostException) {
            return Optional.of(Kind.UNKNOWN_HOST);
        }
        if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                || message.contains("unable to find valid certification path")) {
            return Optional.of(Kind.TLS_UNTRUSTED);
        }
        if (t instanceof SSLPeerUnverifiedException || (t instanceof CertificateException
                && (message.contains("no subject alternative") || message.contains("doesn't match")))) {
            return Optional.of(Kind.TLS_HOST_MISMATCH);
        }
        if (t instanceof SSLException && (message.contains("unsupported or unrecognized ssl message")
                || message.contains("plaintext connection"))) {
            return Optional.of(Kind.NOT_TLS);
        }
        if (t instanceof SSLException && t.getCause() == null) {
            return Optional.of(Kind.TLS_FAILED);
        }
        if (type.equals("org.apache.hc.core5.http.ConnectionClosedException")
                || type.equals("org.apache.hc.core5.http.NoHttpResponseException")
                || message.contains("connection closed by peer")) {
            return Optional.of(Kind.CLOSED_WITHOUT_ANSWER);
        }
        if (t instanceof SocketTimeoutException || (t instanceof InterruptedIOException
                && !(t.getCause() instanceof InterruptedException)
                && (message.contains("timeout") || message.contains("timed out")))) {
            return Optional.of(Kind.TIMEOUT);
        }
        if (type.startsWith("software.amazon.awssdk.") && message.contains("unable to load credentials")) {
            return Optional.of(Kind.AWS_CREDENTIALS);
        }
        return Optional.empty();
    }

    /** The HTTP status a failed call reports, from whichever of the client's exception types carries one. */
    private static Integer httpStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OpenSearchException openSearch) {
                return openSearch.status();
            }
            if (t instanceof ResponseException response) {
                return response.status();
            }
            if (t instanceof ClusterStatusException status) {
                return status.status();
            }
            String message = Objects.toString(t.getMessage(), "");
            if (message.startsWith("Unauthorized access") || message.contains("status code '401'")) {
                return 401;
            }
            if (message.startsWith("Forbidden access") || message.contains("status code '403'")) {
                return 403;
            }
        }
        return null;
    }

    private static String detail(URI url, Kind kind, Throwable e) {
        if (kind == Kind.TIMEOUT && "https".equalsIgnoreCase(url.getScheme())) {
            // A plain HTTP server that waits for a request line never answers a TLS hello.
            return " (if the cluster serves plain http on this port, use http://)";
        }
        if (kind == Kind.UNKNOWN_HOST || kind == Kind.TLS_HOST_MISMATCH) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if ((t instanceof UnknownHostException || t instanceof SSLPeerUnverifiedException
                        || t instanceof CertificateException) && t.getMessage() != null) {
                    return " (" + t.getMessage().replaceAll("\\s+", " ").strip() + ")";
                }
            }
        }
        return "";
    }

    /** An HTTP answer whose status alone says the cluster cannot be used, e.g. from {@link ClusterProbe}. */
    static final class ClusterStatusException extends IOException {
        private final int status;

        ClusterStatusException(int status, String reason) {
            super("HTTP " + status + (reason == null ? "" : " " + reason));
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
