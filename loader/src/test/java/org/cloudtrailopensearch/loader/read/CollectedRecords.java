package org.cloudtrailopensearch.loader.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything a reader reports, so tests can assert on records and failures after the read returns. */
final class CollectedRecords implements RecordVisitor {
    final List<SourceRecord> records = new ArrayList<>();
    final List<ReadFailure> failures = new ArrayList<>();

    @Override
    public void onRecord(SourceRecord record) {
        records.add(record);
    }

    @Override
    public void onFailure(ReadFailure failure) {
        failures.add(failure);
    }

    List<String> texts() {
        return records.stream().map(r -> new String(r.json(), StandardCharsets.UTF_8)).toList();
    }

    List<Long> indices() {
        return records.stream().map(SourceRecord::index).toList();
    }
}
