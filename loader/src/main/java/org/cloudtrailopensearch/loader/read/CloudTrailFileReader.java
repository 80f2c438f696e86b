package org.cloudtrailopensearch.loader.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.cloudtrailopensearch.loader.read.ReadFailure.Reason;

/**
 * Streams the records out of one CloudTrail file, one at a time, never holding the whole file.
 *
 * <p>Accepted shapes, gzipped or not (detected by the gzip magic bytes, not the name): a CloudTrail log
 * file {@code {"Records":[...]}}, framed element by element ({@link RecordsArrayFramer}), or one JSON record per
 * line (NDJSON; a digest file is a one-line object; {@link LineFramer}). Anything else is one
 * {@code NOT_CLOUDTRAIL_FILE} failure for the whole file ({@link FileShape}). Records reach the visitor as their
 * bytes, unparsed: the mapper parses each once, and rejects one that is not well-formed JSON on its own. A record
 * larger than the limit is cut there and marked truncated, so one huge record cannot exhaust memory.
 *
 * <p>Damage is reported as {@link ReadFailure}s naming the file and record index, each standing for one record,
 * and reading goes on after it wherever the next record can be framed: a broken record costs that record. A gzip
 * stream that ends early or is damaged gives every complete record before the damage, then one failure for the
 * lost rest. Nothing here throws for bad content. Thread-safe: it keeps no state between calls.
 *
 * <pre>{@code
 * new CloudTrailFileReader(1 << 20).read("x.json.gz", () -> Files.newInputStream(path), new RecordVisitor() {
 *     public void onRecord(SourceRecord record) { handle(RecordMapping.encode(mapper, record, RecordContext.of(record.source()))); }
 *     public void onFailure(ReadFailure failure) { report(failure.location() + ": " + failure.message()); }
 * });
 * }</pre>
 */
public final class CloudTrailFileReader {

    private static final int GZIP_BUFFER = 64 * 1024;

    private final int maxRecordBytes;

    /** @param maxRecordBytes records are kept up to this size; larger ones arrive truncated */
    public CloudTrailFileReader(int maxRecordBytes) {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive");
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Opens a file's stored bytes (the reader closes the stream). */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * Reads every record of the file {@code opener} opens into {@code visitor}; {@code source} names it in results.
     * An empty file (0 bytes, a gzip of nothing, only white space) makes no callback and says so in the summary.
     */
    public ReadSummary read(String source, Opener opener, RecordVisitor visitor) {
        CountingVisitor counting = new CountingVisitor(visitor);
        Position position = () -> 0;
        try (InputStream stored = opener.open()) {
            ByteBlocks content = new ByteBlocks(decompressIfGzip(stored));
            FileShape shape = FileShape.sniff(content);
            switch (shape.kind) {
                case EMPTY -> {
                    return ReadSummary.EMPTY;
                }
                case NOT_CLOUDTRAIL -> counting.onFailure(new ReadFailure(source, 0, Reason.NOT_CLOUDTRAIL_FILE, shape.why));
                case CUT_OFF -> counting.onFailure(new ReadFailure(source, 0, Reason.MALFORMED_JSON, shape.why));
                case RECORDS_ARRAY -> {
                    RecordsArrayFramer framer = new RecordsArrayFramer(source, content, maxRecordBytes, counting);
                    position = framer::nextIndex;
                    framer.frame();
                }
                case LINES -> {
                    LineFramer framer = new LineFramer(source, content, maxRecordBytes, counting);
                    position = framer::nextIndex;
                    framer.frame();
                }
                default -> throw new IllegalStateException(shape.kind.name());
            }
        } catch (EOFException e) {
            long lost = position.nextIndex();
            counting.onFailure(new ReadFailure(source, lost, Reason.TRUNCATED_GZIP,
                    "the gzip stream ends early (" + e.getMessage() + "); records from index " + lost + " on are lost"));
        } catch (ZipException e) {
            long lost = position.nextIndex();
            counting.onFailure(new ReadFailure(source, lost, Reason.CORRUPT_GZIP,
                    "the gzip stream is damaged (" + e.getMessage() + "); records from index " + lost + " on are lost"));
        } catch (IOException | RuntimeException e) {
            counting.onFailure(new ReadFailure(source, position.nextIndex(), Reason.UNREADABLE_OBJECT,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return counting.summary();
    }

    /** The stored bytes, inflated when they start with the gzip magic bytes (whatever the name says). */
    static InputStream decompressIfGzip(InputStream stored) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stored, GZIP_BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(in, GZIP_BUFFER);
        }
        return in;
    }

    /** Where a framer is: the index of the first record a stream failure loses. */
    @FunctionalInterface
    private interface Position {
        long nextIndex();
    }
}
