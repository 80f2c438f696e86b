package org.cloudtrailopensearch.loader.queue;

import java.util.List;

/** What one SQS message body says, whichever of the three shapes it came in. */
public sealed interface Notification {

    /**
     * Objects were created.
     *
     * @param objects the created objects to load
     * @param ignored one reason per event of the message that is not loaded (another event type, a key that is not
     *                a CloudTrail log or digest file), e.g. {@code NOT_CLOUDTRAIL_KEY}
     */
    record ObjectsCreated(List<NotifiedObject> objects, List<String> ignored) implements Notification {
        public ObjectsCreated {
            objects = List.copyOf(objects);
            ignored = List.copyOf(ignored);
        }
    }

    /** The {@code s3:TestEvent} S3 sends when a notification configuration is saved: nothing to load. */
    record TestEvent() implements Notification {
    }

    /** Not an S3 notification this worker understands; the message is left to the queue's redrive policy. */
    record Unparseable(String problem) implements Notification {
    }
}
