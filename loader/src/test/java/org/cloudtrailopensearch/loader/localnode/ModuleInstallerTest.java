package org.cloudtrailopensearch.loader.localnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing extra modules into an unpacked distribution, and the bundled lang-painless, geo and reindex descriptors. */
class ModuleInstallerTest {

    @TempDir
    Path dir;

    @Test
    void installsJarsDescriptorAndPolicyOnlyWhereTheModuleIsMissing() throws IOException {
        Path home = Files.createDirectories(dir.resolve("opensearch-2.19.6"));
        Files.createDirectories(home.resolve("modules/geo"));
        Path jars = Files.createDirectories(dir.resolve("jars"));
        Path painlessJar = Files.writeString(jars.resolve("lang-painless-2.19.6.jar"), "jar");
        Path geoJar = Files.writeString(jars.resolve("geo-2.19.6.jar"), "jar");

        List<ModuleInstaller.Outcome> outcomes = ModuleInstaller.install(home, "2.19.6", List.of(
                ExtraModule.of("lang-painless", List.of(painlessJar), descriptor("lang-painless", "2.19.6"), "grant {};"),
                ExtraModule.of("geo", List.of(geoJar), descriptor("geo", "2.19.6"), null)));

        assertEquals(ModuleInstaller.Status.INSTALLED, outcomes.get(0).status());
        assertEquals(ModuleInstaller.Status.PRESENT, outcomes.get(1).status());
        Path painless = home.resolve("modules/lang-painless");
        assertTrue(Files.isRegularFile(painless.resolve("lang-painless-2.19.6.jar")));
        assertEquals("grant {};", Files.readString(painless.resolve("plugin-security.policy")));
        assertTrue(Files.readString(painless.resolve("plugin-descriptor.properties")).contains("name=lang-painless"));
        assertFalse(Files.exists(home.resolve("modules/geo/geo-2.19.6.jar")), "a shipped module is left alone");
        try (var leftovers = Files.list(home)) {
            assertEquals(List.of(home.resolve("modules")), leftovers.toList(), "no staging folder is left behind");
        }
    }

    @Test
    void skipsAModuleBuiltForAnotherVersion() throws IOException {
        Path home = Files.createDirectories(dir.resolve("opensearch-2.19.1/modules"));
        Path jar = Files.writeString(dir.resolve("geo-2.19.6.jar"), "jar");

        List<ModuleInstaller.Outcome> outcomes = ModuleInstaller.install(home.getParent(), "2.19.1",
                List.of(ExtraModule.of("geo", List.of(jar), descriptor("geo", "2.19.6"), null)));

        assertEquals(ModuleInstaller.Status.SKIPPED, outcomes.get(0).status());
        assertFalse(Files.exists(home.resolve("geo")));
    }

    @Test
    void bundledDescriptorsNameTheModulePluginClassesAndTheBuildsVersion() throws IOException {
        Path versionDir = dir.resolve("2.19.6");
        for (String name : IntegTestModules.NAMES) {
            Files.writeString(Files.createDirectories(versionDir.resolve(name)).resolve(name + ".jar"), "jar");
        }

        IntegTestModules.Lookup lookup = IntegTestModules.find(versionDir);

        assertEquals(List.of(), lookup.missing());
        ExtraModule painless = lookup.found().get(0);
        ExtraModule geo = lookup.found().get(1);
        assertEquals("org.opensearch.painless.PainlessPlugin", properties(painless).getProperty("classname"));
        assertEquals("org.opensearch.geo.GeoModulePlugin", properties(geo).getProperty("classname"));
        assertTrue(painless.opensearchVersion().matches("2\\.\\d+\\.\\d+"), "filtered by Maven: " + painless.opensearchVersion());
        assertEquals(painless.opensearchVersion(), properties(painless).getProperty("version"));
        assertTrue(painless.securityPolicy().orElseThrow().contains("\"createClassLoader\""));
        assertTrue(geo.securityPolicy().isEmpty());
        ExtraModule reindex = lookup.found().get(2);
        assertEquals("org.opensearch.index.reindex.ReindexPlugin", properties(reindex).getProperty("classname"));
        assertEquals(painless.opensearchVersion(), reindex.opensearchVersion());
        assertTrue(reindex.securityPolicy().orElseThrow().contains("${codebase.httpasyncclient}"));
    }

    @Test
    void reportsModulesWithoutJarsAsMissing() {
        IntegTestModules.Lookup lookup = IntegTestModules.find(dir.resolve("nothing-here"));

        assertEquals(List.of(), lookup.found());
        assertEquals(IntegTestModules.NAMES, lookup.missing());
    }

    private static String descriptor(String name, String version) {
        return "name=" + name + "\nversion=" + version + "\nopensearch.version=" + version + "\n";
    }

    private static Properties properties(ExtraModule module) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(module.descriptor()));
        return properties;
    }
}
