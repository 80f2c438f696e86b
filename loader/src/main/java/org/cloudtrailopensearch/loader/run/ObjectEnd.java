package org.cloudtrailopensearch.loader.run;

/**
 * How an object handed out by an {@link ObjectFeed} ended: settled (every record indexed, dead-lettered for itself or
 * skipped; loading it again would change nothing), or to be tried again because something outside the object failed
 * (the cluster did not accept requests until the retry limit, the object could not be fetched).
 *
 * @param retryBecause null when settled, else the reason code and message, e.g. {@code REQUEST_FAILED: ...}
 */
public record ObjectEnd(String retryBecause) {

    public static final ObjectEnd SETTLED = new ObjectEnd(null);

    public static ObjectEnd retry(String reason) {
        return new ObjectEnd(java.util.Objects.requireNonNull(reason));
    }

    public boolean settled() {
        return retryBecause == null;
    }
}
