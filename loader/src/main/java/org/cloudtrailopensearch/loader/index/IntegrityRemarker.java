package org.cloudtrailopensearch.loader.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.cloudtrailopensearch.digest.IntegrityStatus;
import org.cloudtrailopensearch.templates.CloudTrailIndexTemplates;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;

/**
 * Sets {@code aws.cloudtrail.log_file.integrity} on the documents of one log file after they were indexed: in queue
 * mode a log file's digest usually arrives after the file was loaded ({@code digest_pending}), and its verdict is
 * written then. One {@code _update_by_query} per file: a term query on {@code log.file.path} (documents that already
 * carry the verdict are left alone, so a repeated re-mark writes nothing), a painless script with the verdict as a
 * parameter, {@code conflicts=proceed}, retried while documents were being written concurrently.
 */
public final class IntegrityRemarker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 3;
    private static final String SCRIPT = """
            def aws = ctx._source.aws; if (aws == null) { aws = new HashMap(); ctx._source.aws = aws; }
            def trail = aws.cloudtrail; if (trail == null) { trail = new HashMap(); aws.cloudtrail = trail; }
            def logFile = trail.log_file; if (logFile == null) { logFile = new HashMap(); trail.log_file = logFile; }
            logFile.integrity = params.mark;""";

    private final OpenSearchGenericClient http;
    private final String index;
    private final boolean refresh;

    /**
     * @param index   index, alias or pattern holding the documents (the loader writes behind the read alias
     *                {@code cloudtrail})
     * @param refresh whether the updated documents are searchable as soon as the call returns (tests; a worker
     *                leaves it to the refresh interval)
     */
    public IntegrityRemarker(OpenSearchClient client, String index, boolean refresh) {
        this.http = Objects.requireNonNull(client, "client").generic();
        this.index = Objects.requireNonNull(index, "index");
        this.refresh = refresh;
    }

    /** On the loader's read alias, without refresh. */
    public IntegrityRemarker(OpenSearchClient client) {
        this(client, CloudTrailIndexTemplates.readAlias(), false);
    }

    /**
     * Makes every document indexed so far visible to {@link #remark}'s query (a refresh of the index): in queue mode
     * a re-mark may follow the indexing of the file's documents within the refresh interval, on another worker,
     * and {@code _update_by_query} only sees refreshed documents. Once per batch of re-marks.
     */
    public void makeSearchable() throws IOException {
        JsonCalls.call(http, "POST", "/" + URLEncoder.encode(index, StandardCharsets.UTF_8).replace("%2A", "*")
                .replace("%2C", ",") + "/_refresh", null);
    }

    /**
     * Marks every document whose {@code log.file.path} is {@code logFilePath} with {@code status} (only documents
     * already searchable: see {@link #makeSearchable}).
     *
     * @return the number of documents updated (0 when all already carried the verdict)
     * @throws IOException when the cluster fails the request, reports failures, or documents kept changing
     */
    public long remark(String logFilePath, IntegrityStatus status) throws IOException {
        String mark = status.name().toLowerCase(java.util.Locale.ROOT);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("term").put("log.file.path", logFilePath);
        bool.putArray("must_not").addObject().putObject("term").put("aws.cloudtrail.log_file.integrity", mark);
        ObjectNode script = body.putObject("script").put("lang", "painless").put("source", SCRIPT);
        script.putObject("params").put("mark", mark);
        String endpoint = "/" + URLEncoder.encode(index, StandardCharsets.UTF_8).replace("%2A", "*").replace("%2C", ",")
                + "/_update_by_query?conflicts=proceed&refresh=" + refresh;
        long updated = 0;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            JsonNode answer = JSON.readTree(JsonCalls.call(http, "POST", endpoint, body.toString()));
            if (answer.path("failures").size() > 0) {
                throw new IOException("re-marking " + logFilePath + " failed: " + answer.path("failures"));
            }
            updated += answer.path("updated").asLong();
            if (answer.path("version_conflicts").asLong() == 0) {
                return updated;
            }
        }
        throw new IOException("re-marking " + logFilePath + ": its documents kept changing during " + MAX_ATTEMPTS
                + " attempts (version conflicts); the message should be retried");
    }
}
