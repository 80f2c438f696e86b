package org.cloudtrailopensearch.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped OpenSearch Dashboards saved objects and Alerting monitors, as the loader installs them.
 * The same files sit at the module root for manual import ({@code cloudtrail-dashboards.ndjson}, {@code monitors/}).
 */
public final class DashboardAssets {

    /** Classpath folder of the assets. */
    static final String ROOT = "/org/cloudtrailopensearch/dashboards/";
    /** The importable saved-objects bundle; the Dashboards import API wants this exact extension. */
    public static final String NDJSON_FILE_NAME = "cloudtrail-dashboards.ndjson";

    /** One Alerting monitor definition: its file name (without .json) and its JSON body. */
    public record Monitor(String id, String json) {
    }

    private DashboardAssets() {
    }

    /** The saved-objects bundle (index pattern, visualizations, searches, dashboards), one object per line. */
    public static byte[] savedObjectsNdjson() {
        return read(ROOT + NDJSON_FILE_NAME);
    }

    /** Every monitor, in the order of {@code monitors/index.txt}. */
    public static List<Monitor> monitors() {
        String index = new String(read(ROOT + "monitors/index.txt"), StandardCharsets.UTF_8);
        List<Monitor> monitors = new ArrayList<>();
        for (String line : index.split("\n")) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                monitors.add(new Monitor(id, new String(read(ROOT + "monitors/" + id + ".json"), StandardCharsets.UTF_8)));
            }
        }
        return List.copyOf(monitors);
    }

    private static byte[] read(String resource) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (build the dashboards-ndjson module)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
