package org.cloudtrailopensearch.loader.read;

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

}
