package org.cloudtrailopensearch.loader.source;

import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * The {@code load -} source: one stream of records on stdin (a Records file or NDJSON, gzipped or not: the reader
 * tells them apart by their bytes). The stream has no name, size or version, so it is never checkpointed.
 */
public final class StdinLogObjectSource implements LogObjectSource {

    /** How the stream is named in messages, dead letters and {@code log.file.path}. */
    public static final String NAME = "stdin";

    /** The command-line argument that means stdin. */
    public static final String ARGUMENT = "-";

    private final InputStream stdin;

    public StdinLogObjectSource(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin);
    }

    public static boolean isStdin(String argument) {
        return ARGUMENT.equals(argument);
    }

    @Override
    public Listing list() {
        return Listing.of(List.of(new LogObject(NAME, NAME, -1, null, () -> new FilterInputStream(stdin) {
            @Override
            public void close() {
                // stdin belongs to the process; the reader closing its input must not close it
            }
        })));
    }

    @Override
    public String describe() {
        return NAME;
    }
}
