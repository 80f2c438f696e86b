package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Maven puts what a local test node is made of (the {@code it.opensearch.*.dir} properties). The shared node
 * and the dedicated ones read them here so that both start the same distribution with the same modules.
 */
final class TestNodeFiles {

    private TestNodeFiles() {
    }

    /** The integ-test distribution zip of {@code version}; missing means the tests were not run through Maven. */
    static Path distributionZip(String version) throws IOException {
        Path zip = Path.of(System.getProperty("it.opensearch.dist.dir", "target/opensearch-dist"))
                .resolve("opensearch-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IOException("the test-node distribution " + zip + " is missing; run the tests through Maven");
        }
        return zip;
    }

    /** The extra module jars for {@code version}; the folder may not exist (the 3.x zips ship every module). */
    static Path moduleJars(String version) {
        return Path.of(System.getProperty("it.opensearch.modules.dir", "target/opensearch-modules")).resolve(version);
    }

    static Path workDir() {
        return Path.of(System.getProperty("it.opensearch.work.dir", "target/opensearch-nodes"));
    }
}
