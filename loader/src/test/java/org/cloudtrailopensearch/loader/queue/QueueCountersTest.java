package org.cloudtrailopensearch.loader.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A message counts as redelivered when SQS says it was received before ({@code ApproximateReceiveCount} > 1). */
class QueueCountersTest {

    @Test
    void countsAMessageAsRedeliveredOnlyWhenItWasReceivedBefore() {
        QueueCounters counters = new QueueCounters();

        counters.received(1);
        counters.received(0); // the queue did not say: not counted as a redelivery
        counters.received(2);
        counters.received(5);

        QueueCounters.Snapshot snapshot = counters.snapshot();
        assertEquals(4, snapshot.received());
        assertEquals(2, snapshot.redelivered());
    }
}
