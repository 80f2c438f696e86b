package org.cloudtrailopensearch.loader.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
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
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * A {@link LoadState} kept in one text file: a header line, then one JSON line per finished log object
 * ({@code {"name":...,"size":...,"version":...}}).
 *
 * <p>Crash safety: a mark appends its line and forces it to disk before {@link #markDone} returns; marks from
 * several threads share one force (group commit). A process killed while writing leaves at most a torn last line,
 * which has no line end and is ignored when the file is opened again (as is any other line that is not an entry) (that object is simply loaded again, which
 * its document ids make harmless). Opening rewrites the file without torn or repeated lines into a temporary file
 * and renames it over the old one atomically, so the file on disk is always either the old or the new version.
 *
 * <p>One load at a time: the state is held under an exclusive lock on a sidecar file ({@code FILE.lock}; the state
 * file itself is replaced on open, so it cannot carry the lock). Two loads sharing a state would each skip nothing
 * the other is doing and race on the rewrite. The operating system drops the lock when the process ends, also by
 * SIGKILL, so a crash never leaves a stale lock behind.
 */
public final class FileLoadState implements LoadState {

    static final String HEADER = "# cloudtrail-opensearch load state v1: each following line names a log object whose "
            + "records all reached the index, the dead-letter file or a skip count ({\"name\", \"size\" in bytes, "
            + "\"version\": S3 ETag or file modification time}); a later load with this file skips them. "
            + "Delete the file or load with --restart to load everything again.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final LockFile lock;
    private final Set<Entry> done = ConcurrentHashMap.newKeySet();
    private final FileChannel journal;
    private final Object appendLock = new Object();
    private final Object forceLock = new Object();
    /** Lines appended so far (guarded by appendLock) and lines known to be on disk (guarded by forceLock). */
    private volatile long appended;
    private long forced;
    private volatile boolean closed;

    private FileLoadState(Path file, LockFile lock, Set<Entry> loaded) throws IOException {
        this.file = file;
        this.lock = lock;
        this.done.addAll(loaded);
        this.journal = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Opens (or creates) the state file.
     *
     * @param restart true: forget what the file says and start it afresh (the old content is replaced only
     *                once the new, empty file is safely written)
     * @throws IOException when the file cannot be read or written, is not a load state file, or another load
     *                     holds it
     */
    public static FileLoadState open(Path file, boolean restart) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        LockFile lock = LockFile.acquire(target, lockFile -> "the load state " + target + " is in use by another load ("
                + lockFile + " is locked); wait for that load to end, or give this one its own --state file");
        try {
            Set<Entry> loaded = restart || Files.notExists(target) ? Set.of() : read(target);
            rewrite(target, loaded);
            return new FileLoadState(target, lock, loaded);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** How many finished objects the state holds. */
    public int size() {
        return done.size();
    }

    @Override
    public boolean isDone(LogObject object) {
        return object.isIdentifiable() && done.contains(Entry.of(object));
    }

    @Override
    public void markDone(LogObject object) {
        if (!object.isIdentifiable()) {
            return;
        }
        Entry entry = Entry.of(object);
        if (!done.add(entry)) {
            return;
        }
        long line;
        synchronized (appendLock) {
            if (closed) {
                throw new IllegalStateException("the load state " + file + " is closed");
            }
            writeFully(entry.toLine());
            line = ++appended;
        }
        forceUpTo(line);
    }

    private void writeFully(byte[] line) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        try {
            while (buffer.hasRemaining()) {
                journal.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the load state " + file, e);
        }
    }

    /** One force makes every line appended before it durable, so a thread whose line is already covered returns at once. */
    private void forceUpTo(long line) {
        synchronized (forceLock) {
            if (forced >= line) {
                return;
            }
            long covered = appended;
            try {
                journal.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the load state " + file, e);
            }
            forced = covered;
        }
    }

    @Override
    public void close() {
        synchronized (appendLock) {
            if (closed) {
                return;
            }
            closed = true;
            try (LockFile releasedLast = lock) {
                journal.force(false);
                journal.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the load state " + file, e);
            }
        }
    }

    private static Set<Entry> read(Path file) throws IOException {
        Set<Entry> entries = new LinkedHashSet<>();
        byte[] content = Files.readAllBytes(file);
        int end = lastLineEnd(content);
        try (BufferedReader lines = new BufferedReader(new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(content, 0, end), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            if (first == null) {
                return entries;
            }
            if (!first.startsWith("# cloudtrail-opensearch load state")) {
                throw new IOException(file + " is not a load state file (it does not start with the state header); "
                        + "name a new file or remove it");
            }
            String line;
            while ((line = lines.readLine()) != null) {
                Entry entry = Entry.parse(line);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /** Bytes up to and including the last line end: what follows it is a line cut off by a crash. */
    private static int lastLineEnd(byte[] content) {
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static void rewrite(Path file, Set<Entry> entries) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            for (Entry entry : entries) {
                text.append(new String(entry.toLine(), StandardCharsets.UTF_8));
            }
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.getParent());
    }

    /** Makes the rename itself durable; not every platform can open a directory, and then the rename has to do. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort (e.g. Windows)
        }
    }

    /** What identifies a finished object: the same name, size and version mean the same content. */
    record Entry(String name, long size, String version) {

        Entry {
            Objects.requireNonNull(name);
            Objects.requireNonNull(version);
        }

        static Entry of(LogObject object) {
            return new Entry(object.name(), object.size(), object.version());
        }

        byte[] toLine() {
            ObjectNode node = JSON.createObjectNode().put("name", name).put("size", size).put("version", version);
            try {
                return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The entry a line holds, or null for a line that is not one (the object it meant is loaded again). */
        static Entry parse(String line) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.path("name").isTextual() || !node.path("size").canConvertToLong()
                        || !node.path("version").isTextual()) {
                    return null;
                }
                return new Entry(node.get("name").asText(), node.get("size").asLong(), node.get("version").asText());
            } catch (JsonProcessingException e) {
                return null;
            }
        }
    }
}
