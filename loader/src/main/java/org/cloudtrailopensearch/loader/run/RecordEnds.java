package org.cloudtrailopensearch.loader.run;

import java.io.PrintStream;
import org.cloudtrailopensearch.loader.deadletter.DeadLetter;
import org.cloudtrailopensearch.loader.deadletter.DeadLetterWriter;
import org.cloudtrailopensearch.loader.index.IndexFailure;
import org.cloudtrailopensearch.loader.index.IndexOutcomes;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.loader.report.LoadCounters;
import org.cloudtrailopensearch.loader.report.Stage;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RejectionReason;

/**
 * Where records end that do not simply go on to the next stage: each is counted, dead-lettered with its stage and
 * reason when it failed, and ends its object's count. Thread-safe: readers, workers and client threads call it.
 * The dead letter is written before the count and the end, so an object is never finished before its dead letters
 * are in the file.
 */
final class RecordEnds implements IndexOutcomes<DocumentOrigin> {

    private final LoadCounters counters;
    private final DeadLetterWriter deadLetters;
    private final PrintStream log;

    RecordEnds(LoadCounters counters, DeadLetterWriter deadLetters, PrintStream log) {
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.log = log;
    }

    /** A damaged record, or the unreadable rest of an object: read (one record) and dead-lettered at once. */
    void readFailed(ReadFailure failure, ObjectProgress object) {
        deadLetters.write(new DeadLetter(failure.source(), failure.index(), Stage.READ, failure.reason().name(),
                failure.message(), null, false));
        object.deadLettered();
        if (failure.reason() == ReadFailure.Reason.UNREADABLE_OBJECT) {
            object.unreadable(failure.message());
        }
        counters.deadLettered(failure.reason());
        log.println("cannot read " + failure.location() + ": " + failure.reason() + ": " + failure.message());
    }

    void rejected(SourceRecord record, MappingResult.Rejected rejected, ObjectProgress object) {
        deadLetters.write(DeadLetter.of(record, Stage.MAP, rejected.reason(), rejected.message()));
        object.deadLettered();
        counters.deadLettered(rejected.reason());
        log.println("rejected " + record.location() + ": " + rejected.reason() + ": " + rejected.message());
        object.recordEnded();
    }

    /** The map stage failed on this record in a way the mapper did not catch: the record is kept, the run goes on. */
    void internalError(SourceRecord record, Throwable error, ObjectProgress object) {
        rejected(record, new MappingResult.Rejected(RejectionReason.INTERNAL_ERROR,
                error.getClass().getName() + ": " + error.getMessage()), object);
    }

    @Override
    public void indexed(DocumentOrigin origin, boolean created) {
        counters.indexed(created);
        origin.object().recordEnded();
    }

    @Override
    public void failed(DocumentOrigin origin, IndexFailure failure, String message) {
        deadLetters.write(DeadLetter.of(origin.record(), Stage.INDEX, failure, message));
        origin.object().deadLettered();
        if (failure == IndexFailure.REQUEST_FAILED) {
            origin.object().requestFailed();
        }
        counters.deadLettered(failure);
        origin.object().recordEnded();
    }
}
