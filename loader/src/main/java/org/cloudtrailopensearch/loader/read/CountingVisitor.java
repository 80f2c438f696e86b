package org.cloudtrailopensearch.loader.read;

/** Passes everything on and counts it for the {@link ReadSummary}. */
final class CountingVisitor implements RecordVisitor {

    private final RecordVisitor target;
    private long records;
    private long failures;

    CountingVisitor(RecordVisitor target) {
        this.target = target;
    }

    @Override
    public void onRecord(SourceRecord record) {
        records++;
        target.onRecord(record);
    }

    @Override
    public void onFailure(ReadFailure failure) {
        failures++;
        target.onFailure(failure);
    }

    ReadSummary summary() {
        return new ReadSummary(records, failures, false);
    }
}
