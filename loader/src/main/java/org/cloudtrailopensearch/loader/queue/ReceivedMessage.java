package org.cloudtrailopensearch.loader.queue;

import java.time.Instant;

/**
 * One SQS message as received.
 *
 * @param sent         when SQS accepted it ({@code SentTimestamp}), null when the queue did not say
 * @param receiveCount how often it was received, this time included ({@code ApproximateReceiveCount}), 0 unknown
 */
public record ReceivedMessage(String id, String receiptHandle, String body, Instant sent, int receiveCount) {
}
