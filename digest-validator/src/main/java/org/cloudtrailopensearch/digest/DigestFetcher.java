package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Reads a chain's digest objects a few steps ahead of the walk. The walk itself must be sequential (each
 * digest names its predecessor), but the listing already tells which digests come next, so their S3
 * round-trips can overlap. Holds at most {@code window} stored (gzipped, small) digests per chain.
 */
final class DigestFetcher {

    /** Digests are KBs; anything far larger is not a digest and is not read into memory. */
    static final int MAX_STORED_DIGEST_BYTES = 64 * 1024 * 1024;

    /** A digest object as stored, with its user metadata. */
    record Fetched(byte[] stored, Map<String, String> userMetadata) {
    }

    private final TrailSource source;
    private final ExecutorService pool;
    private final int window;
    private final List<String> plannedOrder;
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, CompletableFuture<Fetched>> inFlight = new HashMap<>();
    private int scheduledUpTo = -1;

    /** {@code plannedOrder}: listed digest keys in the order the walk will most likely read them (newest first). */
    DigestFetcher(TrailSource source, ExecutorService pool, int window, List<String> plannedOrder) {
        this.source = source;
        this.pool = pool;
        this.window = window;
        this.plannedOrder = List.copyOf(plannedOrder);
        for (int i = 0; i < this.plannedOrder.size(); i++) {
            positions.put(this.plannedOrder.get(i), i);
        }
    }

    /** The stored bytes and metadata of {@code key}; throws {@link ObjectNotFoundException} when absent. */
    Fetched fetch(String key) throws IOException {
        Integer position = positions.get(key);
        if (position != null) {
            scheduleThrough(position + window);
        }
        CompletableFuture<Fetched> pending = inFlight.remove(key);
        if (pending == null) {
            return read(source, key);
        }
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + key, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot read " + source.locationOf(key) + ": " + e.getCause(), e.getCause());
        }
    }

    private void scheduleThrough(int lastPosition) {
        int last = Math.min(lastPosition, plannedOrder.size() - 1);
        for (int i = scheduledUpTo + 1; i <= last; i++) {
            String key = plannedOrder.get(i);
            inFlight.put(key, CompletableFuture.supplyAsync(() -> {
                try {
                    return read(source, key);
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, pool));
        }
        scheduledUpTo = Math.max(scheduledUpTo, last);
    }

    /** Drops prefetched digests the walk did not read (e.g. after a break), so nothing lingers. */
    void discardUnread() {
        inFlight.values().forEach(f -> f.cancel(false));
        inFlight.clear();
    }

    private static Fetched read(TrailSource source, String key) throws IOException {
        try (StoredObject object = source.open(key)) {
            InputStream body = object.body();
            byte[] stored = body.readNBytes(MAX_STORED_DIGEST_BYTES + 1);
            if (stored.length > MAX_STORED_DIGEST_BYTES) {
                throw new IOException("object larger than " + MAX_STORED_DIGEST_BYTES + " bytes is not a digest");
            }
            return new Fetched(stored, object.userMetadata());
        }
    }
}
