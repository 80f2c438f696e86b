package org.cloudtrailopensearch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.cloudtrailopensearch.it.support.CliProcess;
import org.cloudtrailopensearch.it.support.OpenSearchCluster;
import org.cloudtrailopensearch.it.support.OpenSearchNodeExtension;
import org.cloudtrailopensearch.it.support.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A cluster that cannot be reached ends {@code load} and {@code setup} with exit code 2 and one clear line. */
@ExtendWith(OpenSearchNodeExtension.class)
class UnreachableClusterTest {

    @TempDir
    Path work;

    private CliProcess.Result load(String url) throws Exception {
        Samples.writeGzippedLogFile(work.resolve("trail"), "three-records.json");
        return CliProcess.runInProcess("load", work.resolve("trail").toString(), "--opensearch-url", url,
                "--dead-letter", work.resolve("dead-letters.ndjson").toString());
    }

    private static void assertOneLine(CliProcess.Result result, String url, String expected) {
        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.errorLines().size(), result.stderr());
        assertTrue(result.errorLines().get(0).contains(url), result.stderr());
        assertTrue(result.errorLines().get(0).contains(expected), result.stderr());
        assertFalse(result.stderr().contains("\tat "), "no stack trace");
    }

    @Test
    void httpsOnTheHttpPortOfARealNode(OpenSearchCluster cluster) throws Exception {
        String url = cluster.url().toString().replace("http://", "https://");

        assertOneLine(load(url), url, "the server does not speak TLS on this port");
    }

    @Test
    void connectionRefusedOnAClosedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;

        assertOneLine(load(url), url, "connection refused");
        assertOneLine(CliProcess.runInProcess("setup", "--opensearch-url", url), url, "connection refused");
    }
}
