package org.cloudtrailopensearch.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The envelope of one line of an OpenSearch Dashboards saved-objects ndjson file. The migration versions are
 * those of OpenSearch's own CloudTrail integration bundle, which every OpenSearch Dashboards 1.x-3.x accepts
 * (objects only migrate forward, so an older version is the safe choice).
 */
final class SavedObject {

    static final String INDEX_PATTERN_ID = "cloudtrail";
    static final String INDEX_REF_NAME = "kibanaSavedObjectMeta.searchSourceJSON.index";

    private SavedObject() {
    }

    static ObjectNode of(String type, String id, ObjectNode attributes, ArrayNode references) {
        ObjectNode object = Json.object();
        object.put("type", type);
        object.put("id", id);
        object.set("attributes", attributes);
        object.set("references", references);
        object.putObject("migrationVersion").put(type, migrationVersion(type));
        return object;
    }

    static String migrationVersion(String type) {
        return switch (type) {
            case "index-pattern" -> "7.6.0";
            case "visualization" -> "7.10.0";
            case "search", "dashboard" -> "7.9.3";
            default -> throw new IllegalArgumentException("no migration version for " + type);
        };
    }

    static ObjectNode reference(String name, String type, String id) {
        ObjectNode reference = Json.object();
        reference.put("name", name);
        reference.put("type", type);
        reference.put("id", id);
        return reference;
    }

    /** searchSourceJSON of a visualization or search: a Lucene query on the CloudTrail index pattern. */
    static String searchSource(String luceneQuery, boolean forSearch) {
        ObjectNode source = Json.object();
        source.putObject("query").put("query", luceneQuery).put("language", "lucene");
        source.putArray("filter");
        if (forSearch) {
            source.put("highlightAll", true);
            source.put("version", true);
        }
        source.put("indexRefName", INDEX_REF_NAME);
        return Json.text(source);
    }

    static ObjectNode indexPattern() {
        ObjectNode attributes = Json.object();
        attributes.put("title", INDEX_PATTERN_ID);
        attributes.put("timeFieldName", "@timestamp");
        return of("index-pattern", INDEX_PATTERN_ID, attributes, Json.array());
    }
}
