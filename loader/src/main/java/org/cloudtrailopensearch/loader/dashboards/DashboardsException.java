package org.cloudtrailopensearch.loader.dashboards;

import java.io.IOException;

/**
 * The import could not be done, or OpenSearch Dashboards refused it as a whole. The message is one line a
 * person can act on; it never contains credentials.
 */
public final class DashboardsException extends IOException {

    private static final long serialVersionUID = 1L;

    public DashboardsException(String message) {
        super(message);
    }

    public DashboardsException(String message, Throwable cause) {
        super(message, cause);
    }
}
