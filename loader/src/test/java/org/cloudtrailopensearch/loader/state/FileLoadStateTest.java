package org.cloudtrailopensearch.loader.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLoadStateTest {

    @TempDir
    Path work;

    private static LogObject object(String name, long size, String version) {
        return new LogObject(name, name, size, version, () -> new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void aMissingFileIsCreatedWithItsHeaderAndRemembersNothing() throws IOException {
        Path file = work.resolve("sub/dir/state.jsonl");
        try (FileLoadState state = FileLoadState.open(file, false)) {
            assertFalse(state.isDone(object("s3://b/k1", 10, "\"etag\"")));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size());
        assertEquals(FileLoadState.HEADER, lines.get(0));
    }

    @Test
    void finishedObjectsAreRememberedByNameSizeAndVersionAcrossRuns() throws IOException {
        Path file = work.resolve("state.jsonl");
        try (FileLoadState state = FileLoadState.open(file, false)) {
            state.markDone(object("s3://b/k1", 10, "\"e1\""));
            state.markDone(object("/data/with\ttab\nand newline.json", 20, "2026-11-20T08:15:00Z"));
        }
        try (FileLoadState state = FileLoadState.open(file, false)) {
            assertEquals(2, state.size());
            assertTrue(state.isDone(object("s3://b/k1", 10, "\"e1\"")));
            assertTrue(state.isDone(object("/data/with\ttab\nand newline.json", 20, "2026-11-20T08:15:00Z")));
            assertFalse(state.isDone(object("s3://b/k1", 10, "\"e2\"")), "a replaced object (new ETag) is loaded again");
            assertFalse(state.isDone(object("s3://b/k1", 11, "\"e1\"")), "a different size is a different object");
            assertFalse(state.isDone(object("s3://b/k2", 10, "\"e1\"")));
        }
    }

    @Test
    void eachMarkIsOnDiskWhenMarkDoneReturns() throws IOException {
        Path file = work.resolve("state.jsonl");
        try (FileLoadState state = FileLoadState.open(file, false)) {
            state.markDone(object("s3://b/k1", 10, "\"e1\""));
            // read by a second opener while the first is still open, as a run after a SIGKILL would
            String content = Files.readString(file);
            assertTrue(content.endsWith("{\"name\":\"s3://b/k1\",\"size\":10,\"version\":\"\\\"e1\\\"\"}\n"), content);
        }
    }

    @Test
    void aTornLastLineIsIgnoredAndRemovedOnOpen() throws IOException {
        Path file = work.resolve("state.jsonl");
        try (FileLoadState state = FileLoadState.open(file, false)) {
            state.markDone(object("s3://b/k1", 10, "\"e1\""));
        }
        // what a SIGKILL in the middle of a write leaves: a line without its end
        Files.writeString(file, "{\"name\":\"s3://b/k2\",\"size\":10,\"vers", StandardOpenOption.APPEND);

        try (FileLoadState state = FileLoadState.open(file, false)) {
            assertEquals(1, state.size());
            assertTrue(state.isDone(object("s3://b/k1", 10, "\"e1\"")));
            assertFalse(state.isDone(object("s3://b/k2", 10, "\"e1\"")));
            state.markDone(object("s3://b/k3", 30, "\"e3\""));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), "header, k1, k3; the torn part is gone: " + lines);
        try (FileLoadState state = FileLoadState.open(file, false)) {
            assertTrue(state.isDone(object("s3://b/k3", 30, "\"e3\"")), "a mark after the torn line is read back");
        }
    }

    @Test
    void aCompleteLineWithoutItsEndIsAlsoIgnored() throws IOException {
        Path file = work.resolve("state.jsonl");
        Files.writeString(file, FileLoadState.HEADER + "\n{\"name\":\"s3://b/k1\",\"size\":10,\"version\":\"v\"}");
        try (FileLoadState state = FileLoadState.open(file, false)) {
            assertFalse(state.isDone(object("s3://b/k1", 10, "v")), "without its line end the mark was not finished");
        }
    }

    @Test
    void restartForgetsTheFile() throws IOException {
        Path file = work.resolve("state.jsonl");
        try (FileLoadState state = FileLoadState.open(file, false)) {
            state.markDone(object("s3://b/k1", 10, "\"e1\""));
        }
        try (FileLoadState state = FileLoadState.open(file, true)) {
            assertFalse(state.isDone(object("s3://b/k1", 10, "\"e1\"")));
        }
        assertEquals(List.of(FileLoadState.HEADER), Files.readAllLines(file));
    }

    @Test
    void aSecondLoadInTheSameProcessIsRefusedWhileTheFirstHoldsTheState() throws IOException {
        Path file = work.resolve("state.jsonl");
        try (FileLoadState first = FileLoadState.open(file, false)) {
            first.markDone(object("s3://b/k1", 10, "\"e1\""));
            IOException e = assertThrows(IOException.class, () -> FileLoadState.open(file, false));
            assertTrue(e.getMessage().contains("in use by another load"), e.getMessage());
            assertTrue(first.isDone(object("s3://b/k1", 10, "\"e1\"")));
        }
        try (FileLoadState again = FileLoadState.open(file, false)) {
            assertTrue(again.isDone(object("s3://b/k1", 10, "\"e1\"")));
        }
    }

    @Test
    void anotherProcessHoldingTheStateKeepsThisOneOutUntilItEnds() throws Exception {
        Path file = work.resolve("state.jsonl");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StateHolder.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try {
            String firstLine = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("holding", firstLine);
            IOException e = assertThrows(IOException.class, () -> FileLoadState.open(file, false));
            assertTrue(e.getMessage().contains("in use by another load"), e.getMessage());
        } finally {
            holder.destroyForcibly(); // SIGKILL: the operating system releases the lock with the process
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        try (FileLoadState after = FileLoadState.open(file, false)) {
            assertTrue(after.isDone(object("s3://b/held", 1, "\"h\"")));
        }
    }

    /** Opens the state named by its argument, marks one object, says so, and holds the state until killed. */
    public static final class StateHolder {
        public static void main(String[] args) throws Exception {
            FileLoadState state = FileLoadState.open(Path.of(args[0]), false);
            state.markDone(object("s3://b/held", 1, "\"h\""));
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            state.close();
        }
    }

    @Test
    void aFileThatIsNotAStateFileIsRefusedAndLeftAlone() throws IOException {
        Path file = work.resolve("notes.txt");
        Files.writeString(file, "my notes\n");
        IOException e = assertThrows(IOException.class, () -> FileLoadState.open(file, false));
        assertTrue(e.getMessage().contains("not a load state file"), e.getMessage());
        assertEquals("my notes\n", Files.readString(file));
    }

    @Test
    void objectsWithoutAVersionAreNeverRemembered() throws IOException {
        Path file = work.resolve("state.jsonl");
        try (FileLoadState state = FileLoadState.open(file, false)) {
            LogObject stdin = new LogObject("stdin", "stdin", -1, () -> new ByteArrayInputStream(new byte[0]));
            state.markDone(stdin);
            assertFalse(state.isDone(stdin));
        }
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void concurrentMarksAreAllKept() throws Exception {
        Path file = work.resolve("state.jsonl");
        int threads = 8;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (FileLoadState state = FileLoadState.open(file, false)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        state.markDone(object("s3://b/t" + thread + "/k" + i, i, "\"e\""));
                    }
                    return null;
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("[FileLoadStateTest] " + threads * perThread + " concurrent marks in " + millis + " ms");
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(1 + threads * perThread, lines.size());
        try (FileLoadState state = FileLoadState.open(file, false)) {
            assertEquals(threads * perThread, state.size());
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertTrue(state.isDone(object("s3://b/t" + t + "/k" + i, i, "\"e\"")));
                }
            }
        }
    }
}
