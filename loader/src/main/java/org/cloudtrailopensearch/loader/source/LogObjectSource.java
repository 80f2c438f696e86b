package org.cloudtrailopensearch.loader.source;

import java.io.IOException;

/** Where log objects come from: a local folder or file, or an S3 bucket and prefix. */
public interface LogObjectSource {

    /** All log objects, in a stable order (by key), so that runs are repeatable, and what was passed over. */
    Listing list() throws IOException;

    /** A short description for reports, e.g. {@code s3://bucket/prefix} or a folder path. */
    String describe();
}
