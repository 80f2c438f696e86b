package org.cloudtrailopensearch.mapper.input;

import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.RejectionReason;

/**
 * One record as it was read from a CloudTrail file, before mapping.
 *
 * @param source    the file or object it came from, as named to the reader
 * @param index     its position there (0-based: index in the {@code Records} array, or line number − 1)
 * @param json      its JSON bytes; for an oversize record only the first {@code maxRecordBytes}
 * @param totalSize its full size in bytes
 */
public record SourceRecord(String source, long index, byte[] json, long totalSize) {

    public boolean isTruncated() {
        return totalSize > json.length;
    }

    /** {@code source#index}, as used in messages and dead letters. */
    public String location() {
        return source + "#" + index;
    }

    /** Maps the record; an oversize record is rejected as {@link RejectionReason#TOO_LARGE} without parsing it. */
    public MappingResult mapWith(CloudTrailMapper mapper) {
        if (isTruncated()) {
            return new MappingResult.Rejected(RejectionReason.TOO_LARGE,
                    "record is " + totalSize + " bytes, more than the reader's limit of " + json.length);
        }
        return mapper.map(json);
    }
}
