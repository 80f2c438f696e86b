package org.cloudtrailopensearch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cloudtrailopensearch.dashboards.spec.DashboardSpec;
import org.junit.jupiter.api.Test;

/**
 * The committed bundle and catalogue are exactly what the specs generate. With
 * {@code -Ddashboards.regenerate=true} the test writes them instead (after editing a spec).
 */
class BundleIsCurrentTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void committedBundleAndCatalogueMatchTheSpecs() throws IOException {
        List<DashboardSpec> specs = DashboardSpecs.read(MODULE.resolve(BundleGenerator.SPEC_FOLDER));
        if (Boolean.getBoolean("dashboards.regenerate")) {
            BundleGenerator.main(new String[] {MODULE.toString()});
        }
        assertEquals(BundleGenerator.ndjson(specs), read(DashboardAssets.NDJSON_FILE_NAME),
                "cloudtrail-dashboards.ndjson is stale: run mvn -pl dashboards-ndjson test -Ddashboards.regenerate=true");
        assertEquals(BundleGenerator.catalogue(specs), read(BundleGenerator.CATALOGUE_FILE),
                "DASHBOARDS.md is stale: run mvn -pl dashboards-ndjson test -Ddashboards.regenerate=true");
    }

    private static String read(String file) throws IOException {
        return Files.readString(MODULE.resolve(file), StandardCharsets.UTF_8);
    }
}
