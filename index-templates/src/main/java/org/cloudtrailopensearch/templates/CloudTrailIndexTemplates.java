package org.cloudtrailopensearch.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The OpenSearch templates and lifecycle policy for CloudTrail ECS documents, as request bodies.
 *
 * <p>Apply in this order: every {@link #componentTemplates()} entry with
 * {@code PUT _component_template/<name>}, then {@code PUT _index_template/}{@link #indexTemplateName()}
 * with {@link #indexTemplateJson()}, then, only where the ISM
 * plugin answers, {@code PUT _plugins/_ism/policies/}{@link #lifecyclePolicyName()}.
 *
 * <p>The JSON lives in resource files next to this class; this class only names and reads them, so the
 * files can also be applied by hand with curl.
 */
public final class CloudTrailIndexTemplates {

    private static final String INDEX_TEMPLATE_NAME = "cloudtrail";
    private static final String LIFECYCLE_POLICY_NAME = "cloudtrail-lifecycle";
    private static final String INDEX_PREFIX = "cloudtrail-";
    private static final String READ_ALIAS = "cloudtrail";

    private static final String INDEX_TEMPLATE_RESOURCE = "index-template.json";
    private static final String LIFECYCLE_POLICY_RESOURCE = "ism-policy.json";

    // Monthly indices keep shards a sensible size and let retention drop whole months at once.
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu.MM").withZone(ZoneOffset.UTC);

    private CloudTrailIndexTemplates() {
    }

    /** Component templates in the order they must be applied (the index template's {@code composed_of}). */
    public static List<ComponentTemplate> componentTemplates() {
        List<ComponentTemplate> templates = new ArrayList<>();
        for (JsonNode name : indexTemplateTree().path("composed_of")) {
            templates.add(new ComponentTemplate(name.asText(), TemplateResources.text(name.asText() + ".json")));
        }
        return List.copyOf(templates);
    }

    public static String indexTemplateName() {
        return INDEX_TEMPLATE_NAME;
    }

    /**
     * Body for {@code PUT _index_template/cloudtrail}. The same for every cluster: replicas auto-expand from 0 to 1
     * with the number of data nodes ({@code cloudtrail-settings}), so one node stays green and more get a replica.
     */
    public static String indexTemplateJson() {
        return TemplateResources.text(INDEX_TEMPLATE_RESOURCE);
    }

    public static String lifecyclePolicyName() {
        return LIFECYCLE_POLICY_NAME;
    }

    /** Body for {@code PUT _plugins/_ism/policies/cloudtrail-lifecycle} (ISM plugin required). */
    public static String lifecyclePolicyJson() {
        return TemplateResources.text(LIFECYCLE_POLICY_RESOURCE);
    }

    public static String indexPattern() {
        return INDEX_PREFIX + "*";
    }

    /** Alias on every CloudTrail index, for searching all months at once. Never written to. */
    public static String readAlias() {
        return READ_ALIAS;
    }

    /** The monthly index a document with this {@code @timestamp} belongs to, e.g. {@code cloudtrail-2026.11}. */
    public static String indexNameFor(Instant timestamp) {
        Objects.requireNonNull(timestamp, "timestamp");
        return INDEX_PREFIX + MONTH.format(timestamp);
    }

    /** Template version, also in every template's {@code version} and {@code _meta.version}; bump on any change. */
    public static int version() {
        return indexTemplateTree().path("version").asInt();
    }

    private static JsonNode indexTemplateTree() {
        return TemplateResources.tree(INDEX_TEMPLATE_RESOURCE);
    }
}
