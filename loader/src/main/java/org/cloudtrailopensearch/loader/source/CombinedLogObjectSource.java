package org.cloudtrailopensearch.loader.source;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Several sources loaded as one run, in the order given. */
public final class CombinedLogObjectSource implements LogObjectSource {

    private final List<LogObjectSource> sources;

    public CombinedLogObjectSource(List<LogObjectSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public Listing list() throws IOException {
        Listing all = Listing.of(List.of());
        for (LogObjectSource source : sources) {
            all = all.plus(source.list());
        }
        return all;
    }

    @Override
    public String describe() {
        if (sources.size() <= 3) {
            return sources.stream().map(LogObjectSource::describe).collect(Collectors.joining(", "));
        }
        return sources.get(0).describe() + " and " + (sources.size() - 1) + " more sources";
    }
}
