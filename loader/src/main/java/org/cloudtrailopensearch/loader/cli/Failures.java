package org.cloudtrailopensearch.loader.cli;

/** Turns an exception into the one line a person reads at the end of a failed command. */
final class Failures {

    private Failures() {
    }

    /** The most telling message on the cause chain, on one line. */
    static String oneLine(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
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
