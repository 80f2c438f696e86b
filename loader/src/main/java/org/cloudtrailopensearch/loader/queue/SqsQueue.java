package org.cloudtrailopensearch.loader.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** The SQS calls queue mode makes, on one queue: receive, delete, change visibility, count. Thread-safe. */
public final class SqsQueue {

    private final SqsClient sqs;
    private final String url;

    public SqsQueue(SqsClient sqs, String url) {
        this.sqs = Objects.requireNonNull(sqs);
        this.url = Objects.requireNonNull(url);
    }

    public String url() {
        return url;
    }

    /** Long-polls for up to {@code max} (1-10) messages, hiding them for {@code visibility}. */
    public List<ReceivedMessage> receive(int max, Duration wait, Duration visibility) {
        ReceiveMessageResponse response = sqs.receiveMessage(r -> r.queueUrl(url)
                .maxNumberOfMessages(Math.max(1, Math.min(10, max)))
                .waitTimeSeconds((int) Math.max(0, Math.min(20, wait.toSeconds())))
                .visibilityTimeout(seconds(visibility))
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        return response.messages().stream().map(SqsQueue::received).toList();
    }

    public void delete(ReceivedMessage message) {
        sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
    }

    /** Hides the message for {@code visibility} from now on; zero makes it visible again at once. */
    public void changeVisibility(ReceivedMessage message, Duration visibility) {
        sqs.changeMessageVisibility(c -> c.queueUrl(url).receiptHandle(message.receiptHandle())
                .visibilityTimeout(seconds(visibility)));
    }

    /** Messages waiting, in flight (received, not deleted) and delayed, as the queue reports them (approximately). */
    public QueueDepth depth() {
        GetQueueAttributesResponse response = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        Map<QueueAttributeName, String> attributes = response.attributes();
        return new QueueDepth(count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    /** What {@link #depth()} reports. */
    public record QueueDepth(long visible, long inFlight, long delayed) {
    }

    private static ReceivedMessage received(Message message) {
        Map<MessageSystemAttributeName, String> attributes = message.attributes();
        String sent = attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String receives = attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new ReceivedMessage(message.messageId(), message.receiptHandle(), message.body(),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
                receives == null ? 0 : Integer.parseInt(receives));
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static int seconds(Duration duration) {
        return (int) Math.max(0, Math.min(43_200, duration.toSeconds()));
    }
}
