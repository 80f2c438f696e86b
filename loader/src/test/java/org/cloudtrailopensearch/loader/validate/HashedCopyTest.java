package org.cloudtrailopensearch.loader.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.loader.source.LocalLogObjectSource;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One read of an object gives its hash and the very bytes hashed, in memory or through a temporary file. */
class HashedCopyTest {

    @TempDir
    Path work;

    @Test
    void keepsExactlyTheBytesItHashedInMemoryOrInATemporaryFile() throws Exception {
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        byte[] stored = gzip(content);
        LogObject object = object("a.json.gz", stored);
        LogFileHash expected = LogFileHash.of(new ByteArrayInputStream(stored));

        for (int memory : new int[] {HashedCopy.DEFAULT_MEMORY_LIMIT, 1000, 0}) {
            try (HashedCopy copy = HashedCopy.of(object, memory)) {
                assertEquals(expected, copy.hash());
                assertEquals(memory < stored.length, copy.spilled());
                try (InputStream in = copy.open()) {
                    assertArrayEquals(stored, in.readAllBytes());
                }
            }
        }
        assertEquals(0, tempCopies(), "closed copies leave no temporary file");
    }

    @Test
    void aBrokenGzipStreamIsKeptWholeWithAProblemInsteadOfAHash() throws Exception {
        byte[] stored = gzip("{\"Records\":[]}".getBytes());
        byte[] cut = Arrays.copyOf(stored, stored.length - 5);
        try (HashedCopy copy = HashedCopy.of(object("cut.json.gz", cut), 1 << 20)) {
            assertNull(copy.hash().sha256Hex());
            assertNotNull(copy.hash().problem());
            try (InputStream in = copy.open()) {
                assertArrayEquals(cut, in.readAllBytes());
            }
        }
    }

    @Test
    void aFailingDownloadIsAnIOExceptionAndLeavesNothingBehind() throws Exception {
        LogObject missing = object("gone.json.gz", new byte[] {1});
        Files.delete(Path.of(missing.name()));
        assertTrue(assertThrowsIo(() -> HashedCopy.of(missing, 0)));
        assertFalse(tempCopies() > 0);
    }

    private static boolean assertThrowsIo(org.junit.jupiter.api.function.Executable call) {
        try {
            call.execute();
            return false;
        } catch (java.io.IOException e) {
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private LogObject object(String name, byte[] stored) throws Exception {
        Path file = work.resolve(name);
        Files.write(file, stored);
        return new LocalLogObjectSource(file).list().objects().get(0);
    }

    private static long tempCopies() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("cloudtrail-object-")).count();
        }
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
