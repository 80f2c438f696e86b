package org.cloudtrailopensearch.loader.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * An exclusive lock on {@code <file>.lock} beside a state file, held until closed. The OS drops it with the
 * process, so a process killed with SIGKILL leaves no stale lock behind.
 */
final class LockFile implements AutoCloseable {

    private final FileChannel channel;

    private LockFile(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * @param inUse the message when another process (or this one) holds it, given the lock file's path
     * @throws IOException when the lock file cannot be opened, or with {@code inUse} when it is held
     */
    static LockFile acquire(Path file, Function<Path, String> inUse) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(inUse.apply(lockFile));
        }
        return new LockFile(channel);
    }

    /** Releases the lock (closing the channel does). */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
