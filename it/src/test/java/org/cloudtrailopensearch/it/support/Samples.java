package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Test inputs shipped under {@code src/test/resources/samples}. */
public final class Samples {

    /** Event ids of the three records in {@code three-records.json}, in order. */
    public static final String[] THREE_RECORD_EVENT_IDS = {
        "0b8c3c5e-0000-4000-8000-000000000001",
        "0b8c3c5e-0000-4000-8000-000000000002",
        "0b8c3c5e-0000-4000-8000-000000000003",
    };

    private Samples() {
    }

    public static byte[] bytes(String name) throws IOException {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IOException("no sample " + name);
            }
            return in.readAllBytes();
        }
    }

    public static byte[] gzip(byte[] content) throws IOException {
        var buffer = new java.io.ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(buffer)) {
            gzip.write(content);
        }
        return buffer.toByteArray();
    }

    /** Writes the sample gzipped at a CloudTrail-style key below {@code root}; returns the file. */
    public static Path writeGzippedLogFile(Path root, String sample) throws IOException {
        Path file = root.resolve("AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/"
                + "111122223333_CloudTrail_us-east-1_20261120T0815Z_it" + sample.hashCode() + ".json.gz");
        Files.createDirectories(file.getParent());
        Files.write(file, gzip(bytes(sample)));
        return file;
    }
}
