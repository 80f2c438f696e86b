package org.cloudtrailopensearch.loader.index;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.cloudtrailopensearch.loader.concurrent.DaemonThreads;
import org.cloudtrailopensearch.loader.index.BulkItemResults.Item;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * Sends documents to OpenSearch in {@code _bulk} requests and accounts for every one of them.
 *
 * <p>Documents are JSON bytes sent as they are, with the {@code index} operation and an explicit id, so a
 * document sent twice (a retry of a request the cluster did execute, or a re-load) replaces itself instead of
 * adding a copy. That is what makes retrying whole requests safe. The request body is written here and sent through
 * the client's generic API: the typed bulk API parses every document given as bytes and writes it again, and its
 * response model costs more than the few fields read here ({@link BulkItemResults}).
 *
 * <p>Memory is bounded: one batch fills while at most {@code concurrentRequests} are in flight; a full
 * batch waits for a free slot and so does the caller of {@link #index}. A request that is waiting to be
 * retried keeps its slot, so a cluster that is down stops the reader instead of piling up documents.
 *
 * <p>A request that fails as a whole in a transient way ({@link BulkFailures}) and the documents the cluster
 * answers with 429 or 5xx are sent again with exponential backoff and full jitter until the policy's
 * {@code maxRetryTime} after their first failure. Then their documents fail as {@link IndexFailure#REQUEST_FAILED}
 * and {@link #retryLimitReached()} turns true; requests still retrying give up at their next failure and later
 * batches are failed without being sent, so that a hanging cluster does not cost a timeout per batch (the run
 * ends with exit 2 and is re-run; ids make that safe). Documents the cluster refuses for themselves fail as
 * {@link IndexFailure#DOCUMENT_REJECTED}.
 *
 * @param <C> what the caller attaches to each document, handed back in its outcome
 */
public final class BulkSink<C> implements AutoCloseable {

    /**
     * A batch that stopped growing is sent after this long: the reader waits for input, or (in queue mode) every
     * object in work has been read and their messages wait for these very documents, so waiting longer for a full
     * batch only stalls the worker (it ran at a quarter of the ceiling with a 1 s wait).
     */
    private static final Duration FLUSH_WHEN_IDLE = Duration.ofMillis(100);
    /** A batch that keeps growing slowly (a trickle of input) is sent after this long at the latest. */
    private static final Duration FLUSH_AFTER = Duration.ofSeconds(1);
    /** Retry waits are logged at most this often, however many requests are waiting. */
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private static final String NDJSON = "application/x-ndjson";

    private final OpenSearchGenericClient http;
    private final BulkSettings settings;
    private final IndexOutcomes<C> outcomes;
    private final PrintStream log;
    private final Semaphore slots;
    private final ExecutorService senders;
    private final ScheduledExecutorService flusher;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final AtomicLong lastLogNanos = new AtomicLong();
    private final AtomicReference<String> gaveUp = new AtomicReference<>();
    private final AtomicReference<RuntimeException> outcomeFailure = new AtomicReference<>();

    private final Object batchLock = new Object();
    private List<Pending<C>> batch = new ArrayList<>();
    private long batchBytes;
    private long batchStartedNanos;
    private long lastAddedNanos;
    private boolean closed;

    public BulkSink(OpenSearchClient client, BulkSettings settings, IndexOutcomes<C> outcomes) {
        this(client, settings, outcomes, System.err);
    }

    /** As above, logging retry waits to {@code log}. */
    public BulkSink(OpenSearchClient client, BulkSettings settings, IndexOutcomes<C> outcomes, PrintStream log) {
        this.http = Objects.requireNonNull(client, "client").generic();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.log = Objects.requireNonNull(log, "log");
        this.slots = new Semaphore(settings.concurrentRequests());
        this.senders = Executors.newFixedThreadPool(settings.concurrentRequests(), DaemonThreads.named("bulk-sink"));
        this.flusher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bulk-sink-flush"));
        long period = FLUSH_WHEN_IDLE.toMillis() / 2;
        flusher.scheduleWithFixedDelay(this::flushIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Queues one document; blocks while the configured number of requests is in flight. */
    public void index(String index, String id, byte[] json, C origin) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Pending<C> document = new Pending<>(actionLine(index, id), json, origin);
        long bytes = (long) json.length + document.action().length + 1;
        synchronized (batchLock) {
            if (closed) {
                throw new IllegalStateException("the bulk sink is closed");
            }
            if (!batch.isEmpty() && batchBytes + bytes > settings.maxBytes()) {
                sendBatch();
            }
            lastAddedNanos = System.nanoTime();
            if (batch.isEmpty()) {
                batchStartedNanos = lastAddedNanos;
            }
            batch.add(document);
            batchBytes += bytes;
            if (batch.size() >= settings.maxOperations() || batchBytes >= settings.maxBytes()) {
                sendBatch();
            }
        }
    }

    /** True once a request gave up (retry limit, or a failure retrying cannot fix): the run cannot complete. */
    public boolean retryLimitReached() {
        return gaveUp.get() != null;
    }

    /**
     * Why the first request gave up, e.g. {@code did not accept requests for 5m0s: SocketTimeoutException: ...};
     * null while none has.
     */
    public String retryLimitMessage() {
        return gaveUp.get();
    }

    /** Sends what is queued and waits until every document has its outcome. */
    @Override
    public void close() {
        flusher.shutdown();
        awaitQuietly(flusher);
        synchronized (batchLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (!batch.isEmpty()) {
                sendBatch();
            }
        }
        slots.acquireUninterruptibly(settings.concurrentRequests());
        slots.release(settings.concurrentRequests());
        senders.shutdown();
        awaitQuietly(senders);
        RuntimeException failure = outcomeFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    private void flushIfIdle() {
        synchronized (batchLock) {
            long now = System.nanoTime();
            if (!closed && !batch.isEmpty() && (now - lastAddedNanos >= FLUSH_WHEN_IDLE.toNanos()
                    || now - batchStartedNanos >= FLUSH_AFTER.toNanos())) {
                sendBatch();
            }
        }
    }

    /** Hands the batch to a sender; called holding {@link #batchLock}, so adders wait with the full batch. */
    private void sendBatch() {
        List<Pending<C>> documents = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        slots.acquireUninterruptibly();
        try {
            senders.execute(() -> {
                try {
                    send(documents);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Sends the documents until each has an outcome. */
    private void send(List<Pending<C>> documents) {
        String earlier = gaveUp.get();
        if (earlier != null) {
            // The run ends with exit 2 anyway; sending into a cluster that is hanging would cost a timeout per batch.
            giveUp(documents, "not sent: OpenSearch " + earlier);
            return;
        }
        List<Pending<C>> pending = documents;
        long firstFailureNanos = 0;
        int attempt = 0;
        while (true) {
            List<Pending<C>> retry;
            String cause;
            try {
                List<Item> items = post(pending);
                retry = new ArrayList<>();
                cause = settle(pending, items, retry);
                if (retry.isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                if (!BulkFailures.transientRequestFailure(e)) {
                    giveUp(pending, "refused a bulk request: " + BulkFailures.describe(e));
                    return;
                }
                retry = pending;
                cause = BulkFailures.describe(e);
            } catch (Error e) {
                giveUp(pending, "could not send a bulk request: " + e);
                throw e;
            }
            long now = System.nanoTime();
            if (attempt == 0) {
                firstFailureNanos = now;
            }
            Duration spent = Duration.ofNanos(now - firstFailureNanos);
            Duration limit = retryLimitReached() ? Duration.ZERO : settings.retry().maxRetryTime();
            if (spent.compareTo(limit) >= 0) {
                giveUp(retry, "did not accept requests for " + HumanDuration.format(spent) + ": " + cause);
                return;
            }
            Duration left = limit.minus(spent);
            Duration wait = settings.retry().delay(attempt++, random);
            wait = wait.compareTo(left) > 0 ? left : wait;
            logRetry(retry.size(), cause, left);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                giveUp(retry, "interrupted while waiting to retry: " + cause);
                return;
            }
            pending = retry;
        }
    }

    /**
     * Reports the documents the response settles and collects those to send again.
     *
     * @return the first transient item error, for the retry log; null when there is none
     */
    private String settle(List<Pending<C>> pending, List<Item> items, List<Pending<C>> retry) {
        if (items.size() != pending.size()) {
            giveUp(pending, "answered a bulk request of " + pending.size() + " documents with " + items.size()
                    + " results");
            return null;
        }
        String cause = null;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Pending<C> document = pending.get(i);
            if (item.error() == null) {
                deliver(() -> outcomes.indexed(document.origin(), !item.replaced()));
            } else if (BulkFailures.transientItemStatus(item.status())) {
                retry.add(document);
                if (cause == null) {
                    cause = "documents answered " + item.status() + " " + item.error();
                }
            } else {
                String message = item.status() + " " + item.error();
                deliver(() -> outcomes.failed(document.origin(), IndexFailure.DOCUMENT_REJECTED, message));
            }
        }
        return cause;
    }

    private void giveUp(List<Pending<C>> documents, String reason) {
        gaveUp.compareAndSet(null, reason);
        for (Pending<C> document : documents) {
            deliver(() -> outcomes.failed(document.origin(), IndexFailure.REQUEST_FAILED, reason));
        }
    }

    /** Every document gets its call even if an earlier call threw; the first such failure is rethrown by close. */
    private void deliver(Runnable outcome) {
        try {
            outcome.run();
        } catch (RuntimeException e) {
            outcomeFailure.compareAndSet(null, e);
        }
    }

    private void logRetry(int documents, String cause, Duration left) {
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (last != 0 && now - last < LOG_EVERY.toNanos() || !lastLogNanos.compareAndSet(last, now)) {
            return;
        }
        log.println("OpenSearch did not accept " + documents + " documents (" + cause + "); retrying for up to "
                + HumanDuration.format(left) + " more");
    }

    /** Sends one {@code _bulk} request of the documents; a status other than 200 is thrown as the cluster's answer. */
    private List<Item> post(List<Pending<C>> documents) throws IOException {
        int size = 0;
        for (Pending<C> document : documents) {
            size += document.action().length + document.json().length + 1;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        for (Pending<C> document : documents) {
            body.write(document.action());
            body.write(document.json());
            body.write('\n');
        }
        try (Response response = http.execute(Requests.builder().endpoint("/_bulk").method("POST")
                .body(Body.from(body.toByteArray(), NDJSON)).build())) {
            if (response.getStatus() != 200) {
                throw new BulkRequestStatusException(response.getStatus(),
                        response.getBody().map(Body::bodyAsString).orElse("(no body)"));
            }
            Body answer = response.getBody().orElseThrow(() -> new IOException("the _bulk response has no body"));
            try (InputStream items = answer.body()) {
                return BulkItemResults.read(items);
            }
        }
    }

    /** {@code {"index":{"_index":"...","_id":"..."}}} and its line end. */
    private static byte[] actionLine(String index, String id) {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        ByteArrayOutputStream line = new ByteArrayOutputStream(48 + index.length() + id.length());
        line.writeBytes("{\"index\":{\"_index\":\"".getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(quote.quoteAsUTF8(index));
        line.writeBytes("\",\"_id\":\"".getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(quote.quoteAsUTF8(id));
        line.writeBytes("\"}}\n".getBytes(StandardCharsets.US_ASCII));
        return line.toByteArray();
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                // the senders end when their requests have outcomes; keep waiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One document: its action line (with the line end) and its JSON (without). */
    private record Pending<C>(byte[] action, byte[] json, C origin) {
    }
}
