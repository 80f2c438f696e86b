package org.cloudtrailopensearch.loader.read;

import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * One record as it was read from a log object, before mapping.
 *
 * @param object    where it came from
 * @param index     its position in the object (0-based: array index in {@code Records}, or line number − 1)
 * @param json      its JSON bytes; for an oversize record only the first {@code maxRecordBytes}
 * @param totalSize its full size in bytes
 */
public record SourceRecord(LogObject object, long index, byte[] json, long totalSize) {

    public boolean isTruncated() {
        return totalSize > json.length;
    }

    /** "file#index", as used in messages. */
    public String location() {
        return object.name() + "#" + index;
    }
}
