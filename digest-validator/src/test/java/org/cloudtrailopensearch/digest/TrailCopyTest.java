package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.nio.file.Path;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for tests that tamper with a trail: generating once per class and copying per test keeps each test's
 * tampering out of the others without paying for a new trail every time. The static fields are shared by all
 * subclasses, which is safe only while test classes run one after another (no parallel execution is configured).
 */
abstract class TrailCopyTest {

    @TempDir
    static Path template;
    static GenerationSummary generated;

    @TempDir
    Path trail;

    @BeforeAll
    static void generate() throws IOException {
        generated = TrailFixture.smallTrail().writeTo(template);
    }

    @BeforeEach
    void copyTrail() throws IOException {
        TrailFixture.copyTree(template, trail);
    }
}
