package org.cloudtrailopensearch.dashboards;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cloudtrailopensearch.dashboards.spec.DashboardSpec;

/** Reads the dashboard specs ({@code *.yaml}, one dashboard per file, in file-name order). */
public final class DashboardSpecs {

    private static final Pattern ANCHOR_OR_ALIAS = Pattern.compile("^\\s*-?\\s*[\\w-]+:\\s+[&*][\\w-]+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DashboardSpecs() {
    }

    /** Jackson reads a YAML alias ({@code *name}) as the text "name", so a spec must not use anchors at all. */
    private static void rejectAnchors(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (ANCHOR_OR_ALIAS.matcher(lines.get(i)).find()) {
                throw new IOException("line " + (i + 1) + ": YAML anchors and aliases (&name, *name) are not supported; "
                        + "repeat the value");
            }
        }
    }

    public static List<DashboardSpec> read(Path folder) {
        List<DashboardSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    rejectAnchors(file);
                    specs.add(YAML.readValue(file.toFile(), DashboardSpec.class));
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no dashboard specs (*.yaml) in " + folder);
        }
        return specs;
    }
}
