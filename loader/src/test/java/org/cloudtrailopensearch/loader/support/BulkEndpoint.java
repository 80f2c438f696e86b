package org.cloudtrailopensearch.loader.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A {@code _bulk} endpoint on 127.0.0.1 whose answers the test scripts per request: a whole-request status,
 * per-document results, a delay, or a connection closed without an answer. Stands in for the HTTP peer in
 * unit tests of the sink's retry logic; the integration tests use a real node.
 */
public final class BulkEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the endpoint does with one request, given its number (from 1) and the document ids in it. */
    @FunctionalInterface
    public interface Script {
        Reply answer(int requestNumber, List<String> ids) throws InterruptedException;
    }

    /** One answer. */
    public sealed interface Reply {
    }

    /** Per-document results: {@code statuses[i]} for {@code ids[i]}; 201 created, 200 updated, others errors. */
    public record Items(List<Integer> statuses) implements Reply {
    }

    /** The whole request fails with this status and an OpenSearch error body ({@code type} null: no body at all). */
    public record Status(int status, String type) implements Reply {
    }

    /** The connection is closed without an answer (as a node that dies mid-request). */
    public record Drop() implements Reply {
    }

    public static Reply allCreated(List<String> ids) {
        return new Items(ids.stream().map(id -> 201).toList());
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<List<String>> requests = new CopyOnWriteArrayList<>();

    public BulkEndpoint(Script script) throws IOException {
        this(0, script);
    }

    /** On a given port (0: any free one), e.g. to come back on the port a "node" had before a restart. */
    public BulkEndpoint(int port, Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, script));
        server.start();
    }

    private void handle(HttpExchange exchange, Script script) throws IOException {
        List<String> ids = ids(exchange.getRequestBody().readAllBytes());
        requests.add(ids);
        Reply reply;
        try {
            reply = script.answer(requests.size(), ids);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = new Drop();
        }
        if (reply instanceof Drop) {
            // No status line: the client sees the connection close as a node dying would close it.
            exchange.close();
            return;
        }
        int status;
        String body;
        if (reply instanceof Status failure) {
            status = failure.status();
            body = failure.type() == null ? "" : "{\"error\":{\"type\":\"" + failure.type()
                    + "\",\"reason\":\"scripted " + failure.status() + "\"},\"status\":" + failure.status() + "}";
        } else {
            status = 200;
            body = itemsBody(ids, ((Items) reply).statuses());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        // -1: no body at all, as a proxy's bare 401 or 503 has none
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static List<String> ids(byte[] ndjson) throws IOException {
        List<String> ids = new ArrayList<>();
        String[] lines = new String(ndjson, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i += 2) {
            JsonNode action = JSON.readTree(lines[i]);
            ids.add(action.path("index").path("_id").asText());
        }
        return ids;
    }

    private static String itemsBody(List<String> ids, List<Integer> statuses) {
        ObjectNode root = JSON.createObjectNode();
        root.put("took", 1);
        root.put("errors", statuses.stream().anyMatch(s -> s >= 300));
        ArrayNode items = root.putArray("items");
        for (int i = 0; i < ids.size(); i++) {
            int status = statuses.get(i);
            ObjectNode result = items.addObject().putObject("index");
            result.put("_index", "it-sink").put("_id", ids.get(i)).put("status", status);
            if (status < 300) {
                result.put("result", status == 201 ? "created" : "updated").put("_version", 1);
            } else {
                String type = status == 429 ? "es_rejected_execution_exception"
                        : status >= 500 ? "unavailable_shards_exception" : "mapper_parsing_exception";
                result.putObject("error").put("type", type).put("reason", "scripted " + status + " for " + ids.get(i));
            }
        }
        return root.toString();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The document ids of each request received, in order. */
    public List<List<String>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
