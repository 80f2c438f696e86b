package org.cloudtrailopensearch.loader.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Appends {@link DeadLetter}s as NDJSON to one file, created on the first entry so a clean run leaves
 * none behind. Thread-safe: bulk responses arrive on client threads.
 */
public final class DeadLetterWriter implements AutoCloseable {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Path file;
    private OutputStream out;
    private long written;

    public DeadLetterWriter(Path file) {
        this.file = file.toAbsolutePath();
    }

    public synchronized void write(DeadLetter letter) {
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = new BufferedOutputStream(Files.newOutputStream(file));
            }
            try (JsonGenerator generator = JSON.createGenerator(out)) {
                generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                generator.writeStartObject();
                generator.writeStringField("time", Instant.now().toString());
                generator.writeStringField("source", letter.source());
                generator.writeNumberField("index", letter.index());
                generator.writeStringField("stage", letter.stage().code());
                generator.writeStringField("reason", letter.reason());
                generator.writeStringField("message", letter.message());
                if (letter.record() != null) {
                    generator.writeStringField("record", letter.record());
                    if (letter.truncated()) {
                        generator.writeBooleanField("record_truncated", true);
                    }
                }
                generator.writeEndObject();
            }
            out.write('\n');
            written++;
        } catch (IOException e) {
            // Losing a dead letter silently would break the "nothing lost" promise: stop the run.
            throw new UncheckedIOException("cannot write the dead-letter file " + file, e);
        }
    }

    /**
     * Hands what is written so far to the operating system, so a crash of this process cannot lose it; called
     * before an object with dead letters is marked done.
     */
    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dead-letter file " + file, e);
            }
        }
    }

    public synchronized long written() {
        return written;
    }

    /** The file, if anything was written to it. */
    public synchronized Optional<Path> file() {
        return written == 0 ? Optional.empty() : Optional.of(file);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
