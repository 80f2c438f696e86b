package org.cloudtrailopensearch.loader.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
                // Appends: a run resumed with --state keeps the dead letters of the run it continues.
                out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND));
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
                    if (letter.recordBytes() != null) {
                        generator.writeStringField("record_base64", letter.recordBytes());
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
     * Hands what is buffered to the operating system, so it survives the process being killed: called before an
     * object is recorded as finished, whose dead letters must not be lost with the buffer.
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
