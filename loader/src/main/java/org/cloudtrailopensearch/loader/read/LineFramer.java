package org.cloudtrailopensearch.loader.read;

import java.io.IOException;

/**
 * Frames one record per line (NDJSON). A line is a record as it is: a bad line is rejected on its own by the
 * mapper and the others are read. Blank lines are skipped but keep the numbering, so {@code index} is the line
 * number − 1 and points at the line in an editor.
 */
final class LineFramer {

    private final String source;
    private final ByteBlocks in;
    private final CappedBuffer line;
    private final RecordVisitor visitor;
    private long lineIndex;

    LineFramer(String source, ByteBlocks in, int maxRecordBytes, RecordVisitor visitor) {
        this.source = source;
        this.in = in;
        this.line = new CappedBuffer(maxRecordBytes);
        this.visitor = visitor;
    }

    /** The index of the line being read: after a stream failure, the first line lost. */
    long nextIndex() {
        return lineIndex;
    }

    void frame() throws IOException {
        while (in.refill()) {
            byte[] bytes = in.buffer;
            int start = in.position;
            int end = in.limit;
            int newline = start;
            while (newline < end && bytes[newline] != '\n') {
                newline++;
            }
            line.write(bytes, start, newline - start);
            if (newline == end) {
                in.position = end;
            } else {
                in.position = newline + 1;
                endOfLine();
            }
        }
        endOfLine();
    }

    private void endOfLine() {
        line.trimTrailingWhitespace();
        if (!line.isEmpty() && !line.isBlank()) {
            visitor.onRecord(new SourceRecord(source, lineIndex, line.toByteArray(), line.total()));
        }
        line.reset();
        lineIndex++;
    }
}
