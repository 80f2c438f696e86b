package org.cloudtrailopensearch.digest;

import java.io.IOException;

/** The object does not exist (S3 NoSuchKey, or no such file). */
public final class ObjectNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String location) {
        super("not found: " + location);
    }
}
