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
import java.util.stream.Stream;
import org.cloudtrailopensearch.dashboards.spec.DashboardSpec;

/** Reads the dashboard specs ({@code *.yaml}, one dashboard per file, in file-name order). */
public final class DashboardSpecs {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DashboardSpecs() {
    }

    public static List<DashboardSpec> read(Path folder) {
        List<DashboardSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try {
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
