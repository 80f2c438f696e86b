package org.cloudtrailopensearch.loader.queue;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.cloudtrailopensearch.loader.concurrent.DaemonThreads;
import org.cloudtrailopensearch.loader.report.LoadCounters;
import org.cloudtrailopensearch.loader.report.LoadReport;
import org.cloudtrailopensearch.loader.run.LoadRun;
import org.cloudtrailopensearch.loader.source.LogObject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Queue mode: long-polls an SQS queue for S3 event notifications and loads each notified object through the same
 * {@link LoadRun} as {@code load} (integrity, mapping on every core, bulk, dead letters, counters).
 *
 * <p>A message is deleted only after every object it names ended settled (each record indexed, dead-lettered for
 * itself or skipped); while its objects are in work its visibility is extended at half the timeout. A message whose
 * object could not be fetched, or whose records the cluster did not accept within the retry limit, is released
 * (visible again at once, the reason logged) and comes back; after the queue's {@code maxReceiveCount} receives its
 * redrive policy moves it to the dead-letter queue. Test events and keys that are not CloudTrail's are deleted and
 * counted as ignored; bodies that are not S3 notifications are left alone for the redrive policy. Delivery is at
 * least once, which document ids make harmless.
 *
 * <p>{@link #stop()} (SIGTERM) stops receiving, lets what is in work finish within the grace period and releases
 * the rest.
 */
public final class QueueWorker {

    /** Why messages still in work when the worker stops are released. */
    private static final String SHUTDOWN = "SHUTDOWN: the worker stopped before the message's objects were finished";

    private final WorkerSettings settings;
    private final SqsQueue queue;
    private final S3Client s3;
    private final PrintStream log;
    private final FinishedObjectStep finishedObjectStep;
    private final QueueCounters counters = new QueueCounters();
    private final Set<InFlightMessage> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore room;
    private final Deque<Long> unparseableLeft = new ArrayDeque<>();
    private final AtomicReference<Duration> lastReceiveLag = new AtomicReference<>(Duration.ZERO);
    private volatile boolean stopRequested;
    /** What the status says: running, stopping, stopped. */
    private volatile String state = "running";

    public QueueWorker(WorkerSettings settings, SqsQueue queue, S3Client s3, PrintStream log) {
        this(settings, queue, s3, log, FinishedObjectStep.NONE);
    }

    /** @param finishedObjectStep runs for each object of a message once all of them ended, before the delete */
    public QueueWorker(WorkerSettings settings, SqsQueue queue, S3Client s3, PrintStream log,
            FinishedObjectStep finishedObjectStep) {
        this.finishedObjectStep = Objects.requireNonNull(finishedObjectStep);
        this.settings = Objects.requireNonNull(settings);
        this.queue = Objects.requireNonNull(queue);
        this.s3 = Objects.requireNonNull(s3);
        this.log = Objects.requireNonNull(log);
        this.room = new Semaphore(settings.maxInFlight());
    }

    /** What a worker's run came to. @param load the load's report; null when it did not end within the grace period */
    public record Result(LoadReport load, QueueCounters.Snapshot messages, boolean stoppedBySignal) {
        /** The load's exit code (0, 1 some records dead-lettered, 2 the load could not go on); 0 when cut short by a stop. */
        public int exitCode() {
            return load == null ? 0 : load.exitCode();
        }
    }

    /** Stop receiving and shut down gracefully; safe to call from a signal handler, any number of times. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Runs until {@link #stop()}, the queue is empty ({@code once}), {@code maxMessages} were received, or the load
     * cannot go on.
     *
     * @param load everything of the load but its feed and counters, which the worker sets
     */
    public Result run(LoadRun.Builder load) throws IOException {
        Instant started = Instant.now();
        LoadCounters loadCounters = new LoadCounters();
        ExecutorService settler = Executors.newSingleThreadExecutor(DaemonThreads.named("queue-settle"));
        QueueFeed feed = new QueueFeed(message -> settler.execute(() -> settle(message)));
        LoadRun run = load.feed(feed, queue.url()).counters(loadCounters).build();
        CompletableFuture<LoadReport> loading = new CompletableFuture<>();
        Thread loader = DaemonThreads.named("queue-load").newThread(() -> {
            try {
                loading.complete(run.run());
            } catch (Throwable e) {
                loading.completeExceptionally(e);
            }
        });
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("queue-timer"));
        long tick = Math.max(200, Math.min(1000, settings.visibilityTimeout().toMillis() / 4));
        timers.scheduleWithFixedDelay(this::extendVisibility, tick, tick, TimeUnit.MILLISECONDS);
        long every = settings.statusInterval().toMillis();
        timers.scheduleAtFixedRate(() -> report(started, loadCounters, true), every, every, TimeUnit.MILLISECONDS);
        report(started, loadCounters, false);
        loader.start();
        LoadReport report = null;
        Throwable failure = null;
        try {
            receiveUntilDone(feed, loading);
        } finally {
            if (stopRequested) {
                int takenBack = feed.closeAndTakeBack().size();
                log.println("worker: stopping (SIGTERM): no more messages are received; " + inFlight.size()
                        + " in work get " + settings.shutdownGrace().toSeconds() + "s to finish" +
                        (takenBack > 0 ? " (" + takenBack + " objects not yet started are released)" : ""));
            } else {
                feed.close();
            }
            state = "stopping";
            report(started, loadCounters, false);
            try {
                report = stopRequested ? loading.get(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
                        : loading.get();
            } catch (TimeoutException e) {
                log.println("worker: the load did not end within the grace period of "
                        + settings.shutdownGrace().toSeconds() + "s");
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            }
            settler.shutdown();
            awaitQuietly(settler);
            String reason = report != null && report.stoppedBecause() != null
                    ? "REQUEST_FAILED: the load stopped: " + report.stoppedBecause() : SHUTDOWN;
            for (InFlightMessage message : List.copyOf(inFlight)) {
                if (message.claim()) {
                    inFlight.remove(message);
                    release(message, reason);
                }
            }
            timers.shutdownNow();
            awaitQuietly(timers); // a status write still running must not land after the last one
            state = "stopped";
            report(started, loadCounters, true);
        }
        if (failure != null) {
            throw failure instanceof IOException io ? io
                    : new IOException(failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
        }
        return new Result(report, counters.snapshot(), stopRequested);
    }

    private void receiveUntilDone(QueueFeed feed, CompletableFuture<LoadReport> loading) {
        long failures = 0;
        while (!stopRequested && !loading.isDone()) {
            long received = counters.receivedCount();
            if (settings.maxMessages() > 0 && received >= settings.maxMessages()) {
                return;
            }
            int want = Math.min(10, room.availablePermits());
            if (settings.maxMessages() > 0) {
                want = (int) Math.min(want, settings.maxMessages() - received);
            }
            if (want == 0) {
                sleep(100);
                continue;
            }
            List<ReceivedMessage> messages;
            try {
                messages = queue.receive(want, settings.waitTime(), settings.visibilityTimeout());
                failures = 0;
            } catch (SdkException e) {
                failures++;
                log.println("worker: cannot receive from " + queue.url() + ": " + e.getMessage() + "; trying again");
                sleep(Math.min(30_000, 500L << Math.min(6, failures)));
                continue;
            }
            if (messages.isEmpty()) {
                if (settings.once() && queueIsEmpty()) {
                    return;
                }
                continue;
            }
            for (ReceivedMessage message : messages) {
                accept(message, feed);
            }
        }
    }

    /** Nothing visible or delayed, nothing in work here, and nothing in flight elsewhere but what this worker left. */
    private boolean queueIsEmpty() {
        if (!inFlight.isEmpty()) {
            return false;
        }
        try {
            SqsQueue.QueueDepth depth = queue.depth();
            return depth.visible() + depth.delayed() == 0 && depth.inFlight() <= unparseableStillHidden();
        } catch (SdkException e) {
            log.println("worker: cannot read the attributes of " + queue.url() + ": " + e.getMessage());
            return false;
        }
    }

    private void accept(ReceivedMessage message, QueueFeed feed) {
        counters.received(message.receiveCount());
        if (message.sent() != null) {
            lastReceiveLag.set(Duration.between(message.sent(), Instant.now()));
        }
        Notification notification = NotificationParser.parse(message.body());
        if (notification instanceof Notification.Unparseable unparseable) {
            counters.unparseable();
            synchronized (unparseableLeft) {
                unparseableLeft.addLast(System.nanoTime() + settings.visibilityTimeout().toNanos());
            }
            log.println("worker: message " + message.id() + " (received " + message.receiveCount() + " times) is not "
                    + "an S3 notification: " + unparseable.problem() + "; left on the queue for its redrive policy");
            return;
        }
        if (notification instanceof Notification.TestEvent) {
            counters.ignoredEvent(NotificationParser.TEST_EVENT);
            deleteIgnored(message);
            return;
        }
        Notification.ObjectsCreated created = (Notification.ObjectsCreated) notification;
        created.ignored().forEach(counters::ignoredEvent);
        if (created.objects().isEmpty()) {
            deleteIgnored(message);
            return;
        }
        room.acquireUninterruptibly();
        List<LogObject> objects = created.objects().stream().map(this::logObject).toList();
        InFlightMessage inWork = new InFlightMessage(message, created.objects(), objects,
                System.nanoTime() + settings.visibilityTimeout().toNanos());
        inFlight.add(inWork);
        counters.objects(objects.size());
        feed.add(inWork, objects);
    }

    private LogObject logObject(NotifiedObject object) {
        GetObjectRequest get = GetObjectRequest.builder().bucket(object.bucket()).key(object.key()).build();
        return new LogObject(object.uri(), CloudTrailKeys.layoutKey(object.key()), object.size(), object.eTag(),
                () -> s3.getObject(get));
    }

    private void deleteIgnored(ReceivedMessage message) {
        counters.ignoredMessage();
        delete(message);
    }

    /** Runs on the settle thread once the message's last object ended. */
    private void settle(InFlightMessage message) {
        if (!message.claim()) {
            return;
        }
        inFlight.remove(message);
        room.release();
        String retryBecause = message.retryBecause() != null ? message.retryBecause() : afterObjects(message);
        if (retryBecause == null) {
            delete(message.message());
        } else {
            release(message, retryBecause);
        }
    }

    /** @return why the message must come back, or null when the step ran for each of its objects */
    private String afterObjects(InFlightMessage message) {
        for (int i = 0; i < message.objects().size(); i++) {
            try {
                finishedObjectStep.objectFinished(message.objects().get(i), message.notified().get(i));
            } catch (IOException | RuntimeException e) {
                return "FOLLOW_UP_FAILED: " + message.notified().get(i).uri() + ": " + e.getMessage();
            }
        }
        return null;
    }

    private void delete(ReceivedMessage message) {
        try {
            queue.delete(message);
            counters.deleted();
        } catch (SdkException e) {
            log.println("worker: cannot delete message " + message.id() + ": " + e.getMessage()
                    + "; it will be received and loaded again (document ids make that harmless)");
        }
    }

    private void release(InFlightMessage message, String reason) {
        ReceivedMessage received = message.message();
        try {
            queue.changeVisibility(received, Duration.ZERO);
            counters.released();
            log.println("worker: released message " + received.id() + " (received " + received.receiveCount()
                    + " times): " + reason + "; it comes back, and the queue's redrive policy moves it to its "
                    + "dead-letter queue after maxReceiveCount receives");
        } catch (SdkException e) {
            log.println("worker: cannot release message " + received.id() + " (" + reason + "): " + e.getMessage()
                    + "; it comes back when its visibility timeout ends");
        }
    }

    /** Keeps the messages in work hidden: each is extended when half of its visibility timeout is left. */
    private void extendVisibility() {
        long now = System.nanoTime();
        long half = settings.visibilityTimeout().toNanos() / 2;
        for (InFlightMessage message : inFlight) {
            if (message.isSettled() || message.visibleAgainNanos() - now > half) {
                continue;
            }
            try {
                queue.changeVisibility(message.message(), settings.visibilityTimeout());
                message.extendedUntil(now + settings.visibilityTimeout().toNanos());
            } catch (SdkException e) {
                log.println("worker: cannot extend the visibility of message " + message.message().id() + ": "
                        + e.getMessage());
            } catch (RuntimeException e) {
                log.println("worker: visibility extension failed: " + e);
            }
        }
    }

    private long unparseableStillHidden() {
        long now = System.nanoTime();
        synchronized (unparseableLeft) {
            unparseableLeft.removeIf(visibleAgain -> visibleAgain - now <= 0);
            return unparseableLeft.size();
        }
    }

    private void report(Instant started, LoadCounters load, boolean logLine) {
        try {
            Instant now = Instant.now();
            Duration lag = inFlight.stream().map(m -> m.message().sent()).filter(Objects::nonNull)
                    .map(sent -> Duration.between(sent, now)).max(Duration::compareTo).orElse(lastReceiveLag.get());
            WorkerStatus status = new WorkerStatus(queue.url(), state, now, Duration.between(started, now),
                    counters.snapshot(), inFlight.size(), load.progress(), lag);
            if (logLine) {
                log.println(status.line());
            }
            if (settings.statusFile() != null) {
                status.write(settings.statusFile());
            }
        } catch (IOException | RuntimeException e) {
            log.println("worker: cannot write the status file " + settings.statusFile() + ": " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
