package org.cloudtrailopensearch.loader.cli;

import java.net.URI;
import java.util.Optional;
import org.cloudtrailopensearch.loader.index.ClusterFailure;

/** Turns an exception into the one line a person reads at the end of a failed command. */
final class Failures {

    private Failures() {
    }

    /**
     * A cluster failure in the words of {@link ClusterFailure} (naming {@code clusterUrl}, with a hint), anything
     * else as the most telling message on its cause chain; always on one line.
     */
    static String oneLine(Throwable e, Optional<URI> clusterUrl) {
        Optional<ClusterFailure> failure = clusterUrl.isPresent()
                ? ClusterFailure.classify(clusterUrl.get(), e) : Optional.empty();
        return failure.map(Throwable::getMessage).orElseGet(() -> oneLine(e));
    }

    /** The most telling message on the cause chain, on one line. */
    static String oneLine(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof ClusterFailure) {
                best = message; // already the line to show, URL and hint included
                break;
            }
            if (message != null && !message.isBlank()) {
                best = best == null ? message : best;
                if (t instanceof java.net.ConnectException) {
                    best = message; // "Connection refused" says more than the wrapper's text
                    break;
                }
            }
        }
        if (best == null) {
            best = e.getClass().getSimpleName();
        }
        return best.replaceAll("\\s+", " ").strip();
    }
}
