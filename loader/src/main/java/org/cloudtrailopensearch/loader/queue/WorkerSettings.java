package org.cloudtrailopensearch.loader.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How a queue worker receives, hides, stops and reports. Immutable. */
public final class WorkerSettings {

    private final Duration wait;
    private final Duration visibilityTimeout;
    private final boolean once;
    private final long maxMessages;
    private final int maxInFlight;
    private final Path statusFile;
    private final Duration statusInterval;
    private final Duration shutdownGrace;

    private WorkerSettings(Builder builder) {
        this.wait = builder.wait;
        this.visibilityTimeout = builder.visibilityTimeout;
        this.once = builder.once;
        this.maxMessages = builder.maxMessages;
        this.maxInFlight = builder.maxInFlight;
        this.statusFile = builder.statusFile;
        this.statusInterval = builder.statusInterval;
        this.shutdownGrace = builder.shutdownGrace;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long one receive long-polls (at most 20 s, SQS's limit). */
    public Duration waitTime() {
        return wait;
    }

    /** How long a received message stays hidden; extended at half of it while its objects are in work. */
    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    /** Stop once the queue is empty (nothing to receive, nothing in flight anywhere). */
    public boolean once() {
        return once;
    }

    /** Stop after receiving this many messages; 0 for no limit. */
    public long maxMessages() {
        return maxMessages;
    }

    /** Messages in work at a time (received, not yet deleted or released). */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Where the JSON status goes (atomically), or null. */
    public Path statusFile() {
        return statusFile;
    }

    public Duration statusInterval() {
        return statusInterval;
    }

    /** After SIGTERM, how long in-flight messages may take to finish before they are released. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** Builder for {@link WorkerSettings}. */
    public static final class Builder {
        private Duration wait = Duration.ofSeconds(20);
        private Duration visibilityTimeout = Duration.ofMinutes(5);
        private boolean once;
        private long maxMessages;
        private int maxInFlight = 10;
        private Path statusFile;
        private Duration statusInterval = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder waitTime(Duration wait) {
            if (wait.isNegative() || wait.toSeconds() > 20) {
                throw new IllegalArgumentException("the receive wait time must be 0 to 20 seconds");
            }
            this.wait = wait;
            return this;
        }

        public Builder visibilityTimeout(Duration timeout) {
            if (timeout.toSeconds() < 2 || timeout.toSeconds() > 43_200) {
                throw new IllegalArgumentException("the visibility timeout must be 2 seconds to 12 hours");
            }
            this.visibilityTimeout = timeout;
            return this;
        }

        public Builder once(boolean once) {
            this.once = once;
            return this;
        }

        public Builder maxMessages(long maxMessages) {
            if (maxMessages < 0) {
                throw new IllegalArgumentException("--max-messages must not be negative");
            }
            this.maxMessages = maxMessages;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight <= 0) {
                throw new IllegalArgumentException("the messages in flight must be at least 1");
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder statusFile(Path statusFile) {
            this.statusFile = statusFile;
            return this;
        }

        public Builder statusInterval(Duration interval) {
            if (interval.toMillis() <= 0) {
                throw new IllegalArgumentException("the status interval must be positive");
            }
            this.statusInterval = interval;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace);
            return this;
        }

        public WorkerSettings build() {
            return new WorkerSettings(this);
        }
    }
}
