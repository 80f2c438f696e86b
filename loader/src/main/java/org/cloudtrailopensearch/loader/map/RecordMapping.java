package org.cloudtrailopensearch.loader.map;

import java.io.IOException;
import com.fasterxml.jackson.core.JsonGenerator;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RecordContext;
import org.cloudtrailopensearch.mapper.RejectionReason;

/** The map stage for one record as read: an oversize record is rejected without being parsed. */
public final class RecordMapping {

    private RecordMapping() {
    }

    /** Maps and encodes the record (the loader's path); see {@link CloudTrailMapper#encode}. */
    public static MappingResult encode(CloudTrailMapper mapper, SourceRecord record, RecordContext context) {
        return record.isTruncated() ? tooLarge(record) : mapper.encode(record.json(), context);
    }

    /** Maps the record and writes its document to {@code out} ({@code map}'s path); see {@link CloudTrailMapper#mapTo}. */
    public static MappingResult writeTo(CloudTrailMapper mapper, SourceRecord record, JsonGenerator out)
            throws IOException {
        return record.isTruncated() ? tooLarge(record) : mapper.mapTo(record.json(), out);
    }

    private static MappingResult.Rejected tooLarge(SourceRecord record) {
        return new MappingResult.Rejected(RejectionReason.TOO_LARGE,
                "record is " + record.totalSize() + " bytes, more than the reader's limit of " + record.json().length);
    }
}
