package org.cloudtrailopensearch.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a Docker engine answers, without letting Testcontainers search for one noisily when none is there. */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean dockerAnswers() {
        if (Boolean.getBoolean("it.docker.disabled")) {
            return false;
        }
        boolean socketOrHost = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        if (!socketOrHost) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
