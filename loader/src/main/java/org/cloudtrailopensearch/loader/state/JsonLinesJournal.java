package org.cloudtrailopensearch.loader.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of JSON lines behind a header line: each {@link #append} is on disk before it returns. A
 * process killed while writing leaves at most a torn last line (no line end), which {@link #read} ignores, as any
 * line that is not JSON. {@link #rewrite} replaces the whole file atomically (temporary file, then rename), so the
 * file on disk is always either the old or the new version. Not thread-safe: the owner serialises calls.
 *
 * <p>The same scheme as {@link FileLoadState}'s file (kept separate while that class changes).
 */
final class JsonLinesJournal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;

    private JsonLinesJournal(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * The JSON lines of {@code file} (empty when it does not exist).
     *
     * @throws IOException when the file does not start with a header beginning with {@code headerPrefix}
     */
    static List<JsonNode> read(Path file, String headerPrefix) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.notExists(file)) {
            return lines;
        }
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, 0, lastLineEnd(content), StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return lines;
        }
        String[] split = text.split("\n");
        if (!split[0].startsWith(headerPrefix)) {
            throw new IOException(file + " is not a " + headerPrefix.replace("# ", "")
                    + " file (it does not start with its header); name a new file or remove it");
        }
        for (int i = 1; i < split.length; i++) {
            try {
                JsonNode node = JSON.readTree(split[i]);
                if (node != null && node.isObject()) {
                    lines.add(node);
                }
            } catch (JsonProcessingException e) {
                // not a line this journal wrote in full: ignored
            }
        }
        return lines;
    }

    /** Writes {@code header} and {@code lines} as the whole new file, atomically, and opens it for appending. */
    static JsonLinesJournal rewrite(Path file, String header, List<? extends JsonNode> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder(header).append('\n');
            for (JsonNode line : lines) {
                text.append(JSON.writeValueAsString(line)).append('\n');
            }
            writeFully(out, text.toString().getBytes(StandardCharsets.UTF_8));
            out.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.toAbsolutePath().getParent());
        return new JsonLinesJournal(file);
    }

    /** Appends one line and forces it to disk. */
    void append(JsonNode line) {
        try {
            writeFully(channel, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static int lastLineEnd(byte[] content) {
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** Makes the rename itself durable; not every platform can open a directory, and then the rename has to do. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort (e.g. Windows)
        }
    }
}
