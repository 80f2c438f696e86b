package org.cloudtrailopensearch.loader.run;

import java.util.List;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.mapper.RecordContext;

/**
 * Records of one object on their way from a reader to the mapping workers, with what the mapper writes into each
 * ({@code context}; null: each record's own source, for dead letters fed back).
 */
record RecordBatch(ObjectProgress object, RecordContext context, List<SourceRecord> records) {

    /** Tells a worker that no more batches come. */
    static final RecordBatch END = new RecordBatch(null, null, List.of());
}
