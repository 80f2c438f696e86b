package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** An opened object: its byte stream (as stored, i.e. gzipped) and S3 user metadata (lower-case names). */
public record StoredObject(InputStream body, Map<String, String> userMetadata) implements AutoCloseable {

    public StoredObject {
        userMetadata = Map.copyOf(userMetadata);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
