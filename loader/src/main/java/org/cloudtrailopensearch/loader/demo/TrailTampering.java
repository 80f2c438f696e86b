package org.cloudtrailopensearch.loader.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Alters one log file of a generated trail after it was signed, the smallest change there is: one space appended
 * to its JSON. The records read the same, but the file's hash no longer matches its digest, so validation calls it
 * {@code invalid}. The demo does this so that the integrity verdict has something to show.
 */
public final class TrailTampering {

    /** The altered file and how many records it holds. */
    public record Altered(Path file, int records) {
    }

    private TrailTampering() {
    }

    /** Alters the first log file (in path order) below {@code trailRoot}, if there is one. */
    public static Optional<Altered> alterOneLogFile(Path trailRoot) throws IOException {
        Optional<Path> first;
        try (Stream<Path> files = Files.walk(trailRoot)) {
            first = files.filter(f -> f.getFileName().toString().endsWith(".json.gz"))
                    .filter(f -> f.toString().contains("/CloudTrail/"))
                    .sorted().findFirst();
        }
        if (first.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(alter(first.get()));
    }

    /** Adds one space after the JSON of a gzipped log file: the same records, but no longer the signed bytes. */
    public static Altered alter(Path file) throws IOException {
        byte[] content;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            content = in.readAllBytes();
        }
        int records = new ObjectMapper().readTree(content).path("Records").size();
        ByteArrayOutputStream altered = new ByteArrayOutputStream(content.length);
        try (OutputStream gzip = new GZIPOutputStream(altered)) {
            gzip.write(content);
            gzip.write(' ');
        }
        Files.write(file, altered.toByteArray());
        return new Altered(file, records);
    }
}
