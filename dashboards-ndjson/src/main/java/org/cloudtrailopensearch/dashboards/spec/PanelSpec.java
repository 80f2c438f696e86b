package org.cloudtrailopensearch.dashboards.spec;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * One panel of a dashboard spec, as written in {@code src/main/dashboards/*.yaml}.
 *
 * @param id          stable part of the visualization id (default: derived from the title)
 * @param title       panel title
 * @param type        what is drawn
 * @param query       Lucene query selecting the events (runs verbatim as {@code query_string}); empty = all
 * @param description what the panel answers, where its logic comes from, and how it differs from the Sumo panel
 * @param terms       fields whose top values form the buckets (rows of a table, slices of a pie, ...)
 * @param size        how many top values per terms field (default 10)
 * @param interval    time bucket of time charts, e.g. {@code 1h} or {@code 15m} (default 1h)
 * @param split       field whose top values split a time chart or a bar chart into series
 * @param unique      count distinct values of this field instead of counting events
 * @param columns     columns of a saved search
 * @param width       grid width override (of 48)
 */
public record PanelSpec(
        String id,
        String title,
        PanelType type,
        String query,
        String description,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> terms,
        Integer size,
        String interval,
        String split,
        String unique,
        List<String> columns,
        Integer width) {

    public PanelSpec {
        terms = terms == null ? List.of() : List.copyOf(terms);
        columns = columns == null ? List.of() : List.copyOf(columns);
        query = query == null ? "" : query.strip();
        description = description == null ? "" : description.strip();
    }

    public int sizeOrDefault() {
        return size == null ? 10 : size;
    }

    public String intervalOrDefault() {
        return interval == null ? "1h" : interval;
    }
}
