package org.cloudtrailopensearch.dashboards.spec;

import java.util.List;

/**
 * One dashboard, as written in {@code src/main/dashboards/*.yaml}.
 *
 * @param id          saved-object id of the dashboard
 * @param title       dashboard title
 * @param family      which app it rebuilds: "AWS CloudTrail" or "Security"
 * @param answers     one line: the question the dashboard answers (README table)
 * @param description longer text shown in the dashboard listing
 * @param timeFrom    default time range start stored with the dashboard (e.g. {@code now-24h})
 * @param panels      the panels, in reading order
 */
public record DashboardSpec(String id, String title, String family, String answers, String description,
                            String timeFrom, List<PanelSpec> panels) {

    public DashboardSpec {
        panels = panels == null ? List.of() : List.copyOf(panels);
        timeFrom = timeFrom == null ? "now-24h" : timeFrom;
        description = description == null ? "" : description.strip();
    }
}
