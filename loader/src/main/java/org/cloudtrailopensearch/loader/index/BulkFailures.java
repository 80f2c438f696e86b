package org.cloudtrailopensearch.loader.index;

import java.io.IOException;
import java.util.Set;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * Which failures of a whole {@code _bulk} request are worth sending again. Transient: the cluster was busy
 * (429), a node or proxy in between was unavailable (502, 503, 504), or the connection failed (refused,
 * reset, timed out) — every {@link IOException} without an HTTP status. Any other status (400 bad request,
 * 401/403 credentials, 413 too large) would fail the same way again.
 */
final class BulkFailures {

    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(429, 502, 503, 504);
    private static final int MAX_MESSAGE = 300;

    private BulkFailures() {
    }

    static boolean transientRequestFailure(Throwable failure) {
        Integer status = status(failure);
        if (status != null) {
            return TRANSIENT_STATUSES.contains(status);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** A document's own failure worth sending again: the shard was busy (429) or unavailable (5xx, e.g. while recovering). */
    static boolean transientItemStatus(int status) {
        return status == 429 || status >= 500;
    }

    /** The HTTP status the cluster answered with, or null when no answer came. */
    static Integer status(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BulkRequestStatusException answered) {
                return answered.status();
            }
            if (cause instanceof OpenSearchException answered) {
                return answered.status();
            }
            if (cause instanceof ResponseException answered) {
                return answered.status();
            }
        }
        return null;
    }

    /** One line: the status if any, the exception type and its message, shortened. */
    static String describe(Throwable failure) {
        Integer status = status(failure);
        Throwable shown = failure;
        while (status == null && shown.getCause() != null && (shown.getMessage() == null
                || shown.getMessage().equals(shown.getCause().toString()))) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? "" : ": " + shown.getMessage().replaceAll("\\s+", " ").trim();
        // The status says it all for an answer the sink read itself; the class name would only add noise.
        String kind = shown instanceof BulkRequestStatusException ? "" : shown.getClass().getSimpleName();
        String line = (status == null ? "" : "HTTP " + status + (kind.isEmpty() ? "" : " ")) + kind + message;
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }
}
