package org.cloudtrailopensearch.loader.index;

import java.io.IOException;

/** A {@code _bulk} request the cluster answered as a whole with a status other than 200 (its error body is the message). */
final class BulkRequestStatusException extends IOException {

    private final int status;

    BulkRequestStatusException(int status, String body) {
        super(body);
        this.status = status;
    }

    int status() {
        return status;
    }
}
