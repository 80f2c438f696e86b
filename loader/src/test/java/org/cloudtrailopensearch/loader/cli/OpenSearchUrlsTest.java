package org.cloudtrailopensearch.loader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.cloudtrailopensearch.loader.index.OpenSearchTarget;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --opensearch-url} with one node, several nodes (repeated or comma-separated), and the default. */
class OpenSearchUrlsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        OpenSearchOptions openSearch;
    }

    private static OpenSearchOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.openSearch;
    }

    @Test
    void oneUrlIsTheTargetAsBefore() throws IOException {
        OpenSearchOptions options = parse("--opensearch-url", "https://search.example.com:9200");

        OpenSearchTarget target = options.toTarget();
        assertEquals(URI.create("https://search.example.com:9200"), options.url);
        assertEquals(List.of(URI.create("https://search.example.com:9200")), target.urls());
        assertEquals("https://search.example.com:9200", target.toString());
    }

    @Test
    void commaSeparatedAndRepeatedUrlsNameEveryNodeInOrder() throws IOException {
        OpenSearchOptions options = parse("--opensearch-url", "http://127.0.0.1:9200,http://127.0.0.1:9201",
                "--opensearch-url", "http://127.0.0.1:9202");

        assertEquals(List.of(URI.create("http://127.0.0.1:9200"), URI.create("http://127.0.0.1:9201"),
                URI.create("http://127.0.0.1:9202")), options.toTarget().urls());
        assertEquals(URI.create("http://127.0.0.1:9200"), options.url, "messages name the first node");
    }

    @Test
    void withoutTheOptionTheDefaultIsOneNode() throws IOException {
        OpenSearchOptions options = parse();

        List<URI> urls = options.toTarget().urls();
        assertEquals(1, urls.size());
        assertEquals(options.url, urls.get(0));
    }

    @Test
    void nodesOfOneTargetShareSchemeAndPath() {
        OpenSearchOptions options = parse("--opensearch-url", "http://127.0.0.1:9200,https://127.0.0.1:9201");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, options::toTarget);
        assertTrue(e.getMessage().contains("share scheme and path"), e.getMessage());
    }

    @Test
    void awsSigV4TakesOneEndpoint() {
        OpenSearchOptions options = parse("--opensearch-url", "https://a.example.com,https://b.example.com", "--aws-sigv4");

        IOException e = assertThrows(IOException.class, options::toTarget);
        assertTrue(e.getMessage().contains("give one --opensearch-url"), e.getMessage());
    }
}
