package org.cloudtrailopensearch.loader.queue;

import java.io.IOException;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * What a worker does with an object after all its records ended and before its message is deleted (in queue mode
 * with integrity: verify a digest, re-mark the documents whose verdict is now known). A failure keeps the message:
 * it is released and the step runs again on its next delivery, so the step must be idempotent.
 */
@FunctionalInterface
public interface FinishedObjectStep {

    FinishedObjectStep NONE = (object, notified) -> { };

    void objectFinished(LogObject object, NotifiedObject notified) throws IOException;
}
