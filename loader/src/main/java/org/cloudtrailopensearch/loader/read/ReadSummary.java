package org.cloudtrailopensearch.loader.read;

/**
 * What reading one object produced.
 *
 * @param records  records handed to {@link RecordVisitor#onRecord}
 * @param failures failures handed to {@link RecordVisitor#onFailure}; each stands for one record read and dead-lettered
 * @param empty    the object holds nothing at all (0 bytes, a gzip of nothing, only white space): no callbacks were made
 */
public record ReadSummary(long records, long failures, boolean empty) {

    static final ReadSummary EMPTY = new ReadSummary(0, 0, true);
}
