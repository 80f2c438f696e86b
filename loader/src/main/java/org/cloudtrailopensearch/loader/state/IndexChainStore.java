package org.cloudtrailopensearch.loader.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cloudtrailopensearch.digest.VerifiedDigest;
import org.cloudtrailopensearch.loader.index.JsonCalls;
import org.cloudtrailopensearch.loader.state.ChainStateFile.LoggedFile;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;

/**
 * The chain state in an index of the cluster the workers already share, so any number of workers (containers on
 * different hosts) validate one trail's digests together: a log file loaded by one worker is judged when another
 * receives its digest, and a digest is linked to a predecessor another worker received.
 *
 * <p>Documents, addressed by id, never searched on the hot path (realtime {@code GET}/{@code _mget} see every
 * acknowledged write at once, no refresh race):
 * <ul>
 *   <li>{@code log:KEY}: a log file's hash, the document path, its stream-time mark, whether all its records were
 *       indexed (the entry of {@link ChainStateJson});</li>
 *   <li>{@code digest:KEY}: a verified digest (its checks, what it signed about its predecessor, the log files it
 *       names with their expected hashes);</li>
 *   <li>{@code named:KEY}: the keys of the digests naming the log file {@code KEY}, appended by a scripted upsert
 *       (atomic per document, so two digests recorded at once both stay);</li>
 *   <li>{@code next:KEY}: the keys of the digests naming digest {@code KEY} as their predecessor (same way).</li>
 * </ul>
 * Each document has a {@code time} (a digest's end time, a log file's delivery time from its name) that pruning
 * counts from ({@code _delete_by_query}). A digest is written with one {@code _bulk} (its document, then its
 * {@code named} and {@code next} entries) that returns when every item is acknowledged.
 *
 * <p>The index ({@link #DEFAULT_INDEX}, one shard, replicas as the data indices: {@code auto_expand_replicas
 * 0-1}, explicit strict mapping) is created on first use; its name does not match the data indices' pattern
 * {@code cloudtrail-*}, so neither their template nor their ISM policy applies. Thread-safe.
 */
public final class IndexChainStore implements ChainStore {

    /** Not {@code cloudtrail-*} (the data template's pattern) nor {@code cloudtrail*}, so no data index pattern sees it. */
    public static final String DEFAULT_INDEX = "integrity-chains-cloudtrail-opensearch";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ids are at most 512 bytes; longer keys (none CloudTrail writes) are addressed by their SHA-256. */
    private static final int MAX_ID_BYTES = 512;
    private static final int RETRY_ON_CONFLICT = 10;
    private static final String APPEND_KEY = "if (ctx._source.keys == null) { ctx._source.keys = []; }"
            + " if (ctx._source.keys.contains(params.key)) { ctx.op = 'none'; } else { ctx._source.keys.add(params.key); }";

    private final OpenSearchGenericClient http;
    private final String index;
    private final String path;

    private IndexChainStore(OpenSearchClient client, String index) {
        this.http = Objects.requireNonNull(client, "client").generic();
        this.index = Objects.requireNonNull(index, "index");
        this.path = "/" + URLEncoder.encode(index, StandardCharsets.UTF_8);
    }

    /**
     * Opens the store in {@code index}, creating the index when it does not exist (several workers may race to:
     * the loser's "already exists" is fine).
     *
     * @throws IOException when the cluster cannot be reached or refuses, or the index exists with another mapping
     */
    public static IndexChainStore open(OpenSearchClient client, String index) throws IOException {
        if (index.isBlank() || index.startsWith("cloudtrail-") || !index.equals(index.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("the chain state index name must be lower case and must not start with"
                    + " cloudtrail- (the data indices' pattern): " + index);
        }
        IndexChainStore store = new IndexChainStore(client, index);
        store.createIfMissing();
        return store;
    }

    public String index() {
        return index;
    }

    private void createIfMissing() throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").putObject("index").put("number_of_shards", 1).put("auto_expand_replicas", "0-1");
        ObjectNode mappings = body.putObject("mappings").put("dynamic", "strict");
        mappings.putObject("_meta").put("managed_by", "cloudtrail-opensearch")
                .put("description", "queue-mode digest chain state (see README, Queue mode)");
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject("kind").put("type", "keyword");
        properties.putObject("key").put("type", "keyword");
        properties.putObject("time").put("type", "date");
        properties.putObject("updated").put("type", "date");
        properties.putObject("keys").put("type", "keyword");
        properties.putObject("entry").put("type", "object").put("enabled", false);
        try {
            JsonCalls.call(http, "PUT", path, body.toString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("resource_already_exists_exception")) {
                throw new IOException("cannot create the chain state index " + index + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String describe() {
        return "index " + index;
    }

    @Override
    public void putLogFile(LoggedFile logged) throws IOException {
        ObjectNode document = document("log", logged.key(), ChainStateFile.deliveredAt(logged.key()).orElse(null));
        document.set("entry", ChainStateJson.lineOf(logged));
        JsonCalls.call(http, "PUT", path + "/_doc/" + URLEncoder.encode(id("log", logged.key()), StandardCharsets.UTF_8)
                .replace("+", "%20"), document.toString());
    }

    @Override
    public Map<String, LoggedFile> logFiles(Collection<String> keys) throws IOException {
        Map<String, LoggedFile> found = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> hit : get("log", keys).entrySet()) {
            found.put(hit.getKey(), ChainStateJson.logFileOf(hit.getValue().path("entry")));
        }
        return found;
    }

    @Override
    public void putDigest(VerifiedDigest digest) throws IOException {
        StringBuilder bulk = new StringBuilder();
        ObjectNode document = document("digest", digest.key(), digest.endTime());
        document.set("entry", ChainStateJson.lineOf(digest));
        action(bulk, "index", id("digest", digest.key()), null);
        bulk.append(document).append('\n');
        for (VerifiedDigest.NamedLogFile named : new LinkedHashSet<>(digest.logFiles())) {
            appendKey(bulk, "named", named.key(), ChainStateFile.deliveredAt(named.key()).orElse(null), digest.key());
        }
        if (!digest.backfill() && digest.previous() != null) {
            String previous = digest.previous().key();
            appendKey(bulk, "next", previous, ChainStateFile.deliveredAt(previous).orElse(null), digest.key());
        }
        JsonNode answer = JSON.readTree(JsonCalls.call(http, "POST", path + "/_bulk", bulk.toString()));
        if (answer.path("errors").asBoolean()) {
            List<String> errors = new ArrayList<>();
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.elements().next();
                if (result.has("error")) {
                    errors.add(result.path("_id").asText() + ": " + result.path("error"));
                }
            }
            throw new IOException("recording digest " + digest.key() + " in " + index + " failed: " + errors);
        }
    }

    @Override
    public Map<String, VerifiedDigest> digests(Collection<String> keys) throws IOException {
        Map<String, VerifiedDigest> found = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> hit : get("digest", keys).entrySet()) {
            found.put(hit.getKey(), ChainStateJson.digestOf(hit.getValue().path("entry")));
        }
        return found;
    }

    @Override
    public Map<String, List<String>> namingDigests(Collection<String> logKeys) throws IOException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> hit : get("named", logKeys).entrySet()) {
            found.put(hit.getKey(), keysOf(hit.getValue()));
        }
        return found;
    }

    @Override
    public List<String> successors(String digestKey) throws IOException {
        JsonNode hit = get("next", List.of(digestKey)).get(digestKey);
        return hit == null ? List.of() : keysOf(hit);
    }

    @Override
    public Optional<Instant> newestDigestEnd() throws IOException {
        refresh();
        ObjectNode body = JSON.createObjectNode().put("size", 0);
        body.putObject("query").putObject("term").put("kind", "digest");
        body.putObject("aggs").putObject("newest").putObject("max").put("field", "time");
        JsonNode answer = JSON.readTree(JsonCalls.call(http, "POST", path + "/_search", body.toString()));
        JsonNode newest = answer.path("aggregations").path("newest").path("value");
        return newest.isNumber() ? Optional.of(Instant.ofEpochMilli(newest.asLong())) : Optional.empty();
    }

    @Override
    public long prune(Instant before) throws IOException {
        // A query sees only refreshed documents; pruning is rare (once an hour of digest time per worker).
        refresh();
        ObjectNode body = JSON.createObjectNode();
        body.putObject("query").putObject("range").putObject("time").put("lt", before.toString());
        JsonNode answer = JSON.readTree(JsonCalls.call(http, "POST",
                path + "/_delete_by_query?conflicts=proceed&refresh=true", body.toString()));
        if (answer.path("failures").size() > 0) {
            throw new IOException("pruning " + index + " failed: " + answer.path("failures"));
        }
        return answer.path("deleted").asLong(-1);
    }

    @Override
    public List<VerifiedDigest> allDigests() throws IOException {
        refresh();
        List<VerifiedDigest> digests = new ArrayList<>();
        ObjectNode body = JSON.createObjectNode().put("size", 1000);
        body.putObject("query").putObject("term").put("kind", "digest");
        body.putArray("sort").addObject().put("_id", "asc");
        while (true) {
            JsonNode hits = JSON.readTree(JsonCalls.call(http, "POST", path + "/_search", body.toString()))
                    .path("hits").path("hits");
            for (JsonNode hit : hits) {
                digests.add(ChainStateJson.digestOf(hit.path("_source").path("entry")));
            }
            if (hits.size() < 1000) {
                return digests;
            }
            body.set("search_after", hits.get(hits.size() - 1).path("sort"));
        }
    }

    @Override
    public void close() {
        // the client belongs to the caller
    }

    private void refresh() throws IOException {
        JsonCalls.call(http, "POST", path + "/_refresh", null);
    }

    private ObjectNode document(String kind, String key, Instant time) {
        ObjectNode document = JSON.createObjectNode().put("kind", kind).put("key", key)
                .put("updated", Instant.now().toString());
        if (time != null) {
            document.put("time", time.toString());
        }
        return document;
    }

    private void appendKey(StringBuilder bulk, String kind, String key, Instant time, String value) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode script = body.putObject("script").put("lang", "painless").put("source", APPEND_KEY);
        script.putObject("params").put("key", value);
        ObjectNode upsert = document(kind, key, time);
        upsert.putArray("keys").add(value);
        body.set("upsert", upsert);
        action(bulk, "update", id(kind, key), RETRY_ON_CONFLICT);
        bulk.append(body).append('\n');
    }

    private static void action(StringBuilder bulk, String action, String id, Integer retryOnConflict) {
        ObjectNode meta = JSON.createObjectNode();
        ObjectNode target = meta.putObject(action).put("_id", id);
        if (retryOnConflict != null) {
            target.put("retry_on_conflict", retryOnConflict);
        }
        bulk.append(meta).append('\n');
    }

    /** Realtime multi-get of {@code kind} documents by key: key -> source, for those found. */
    private Map<String, JsonNode> get(String kind, Collection<String> keys) throws IOException {
        Map<String, String> keyById = new LinkedHashMap<>();
        keys.forEach(key -> keyById.put(id(kind, key), key));
        Map<String, JsonNode> found = new LinkedHashMap<>();
        if (keyById.isEmpty()) {
            return found;
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode ids = body.putArray("ids");
        keyById.keySet().forEach(ids::add);
        JsonNode answer = JSON.readTree(JsonCalls.call(http, "POST", path + "/_mget?realtime=true", body.toString()));
        for (JsonNode doc : answer.path("docs")) {
            if (doc.has("error")) {
                throw new IOException("reading " + doc.path("_id").asText() + " from " + index + " failed: "
                        + doc.path("error"));
            }
            if (doc.path("found").asBoolean()) {
                found.put(keyById.get(doc.path("_id").asText()), doc.path("_source"));
            }
        }
        return found;
    }

    private static List<String> keysOf(JsonNode source) {
        List<String> keys = new ArrayList<>();
        source.path("keys").forEach(key -> keys.add(key.asText()));
        return keys;
    }

    /** {@code kind:key}, URL-safe; a key too long for an id is replaced by its SHA-256. */
    static String id(String kind, String key) {
        String id = kind + ":" + key;
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES - 64) {
            try {
                id = kind + ":sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return id;
    }
}
