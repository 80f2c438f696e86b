package org.cloudtrailopensearch.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rules a real OpenSearch 2.19 / 3.x node enforces (or that keep the index healthy), checked offline so a
 * bad template fails here rather than in the integration suite.
 */
class MappingRulesTest {

    /** Parameters each type may carry; anything else is a typo or a type the 2.19 test node rejects. */
    private static final Map<String, Set<String>> ALLOWED_PARAMETERS = Map.ofEntries(
            Map.entry("keyword", Set.of("type", "ignore_above", "fields", "index", "doc_values")),
            Map.entry("match_only_text", Set.of("type")),
            Map.entry("text", Set.of("type", "analyzer", "norms")),
            Map.entry("wildcard", Set.of("type")),
            Map.entry("date", Set.of("type", "format")),
            Map.entry("ip", Set.of("type")),
            Map.entry("long", Set.of("type")),
            Map.entry("boolean", Set.of("type")),
            Map.entry("geo_point", Set.of("type")),
            // flat_object takes no sub-properties and no parameters.
            Map.entry("flat_object", Set.of("type")),
            Map.entry("alias", Set.of("type", "path")));

    /** The fields Elastic's CloudTrail dashboard aggregates on; flat_object leaves return no buckets. */
    private static final List<String> DASHBOARD_AGGREGATION_FIELDS = List.of(
            "source.geo.location", "event.outcome", "event.provider", "event.action", "user_agent.name",
            "aws.cloudtrail.event_type", "aws.cloudtrail.error_code", "user.id", "source.address",
            "source.geo.region_name", "cloud.account.id", "cloud.region", "user.name",
            "aws.cloudtrail.user_identity.type", "aws.cloudtrail.console_login.additional_eventdata.mfa_used");

    private static final Set<String> AGGREGATABLE_TYPES = Set.of("keyword", "ip", "date", "long", "boolean", "geo_point");

    /** Security Analytics cloudtrail log-type field names this template provides (concrete or alias). */
    private static final List<String> SECURITY_ANALYTICS_FIELDS = List.of(
            "timestamp", "aws.cloudtrail.event_name", "aws.cloudtrail.event_source", "aws.cloudtrail.event_version",
            "aws.cloudtrail.event_id", "aws.cloudtrail.event_type", "aws.cloudtrail.event_category",
            "aws.cloudtrail.error_message", "aws.cloudtrail.error_code", "aws.cloudtrail.api_version",
            "aws.cloudtrail.aws_region", "aws.cloudtrail.additional_event_data.loginTo",
            "aws.cloudtrail.response_elements.text", "aws.cloudtrail.request_id", "aws.cloudtrail.source_ip_address",
            "aws.cloudtrail.user_agent", "aws.cloudtrail.vpc_endpoint_id", "aws.cloudtrail.user_identity.type",
            "aws.cloudtrail.user_identity.principalId", "aws.cloudtrail.user_identity.arn",
            "aws.cloudtrail.user_identity.accountId", "aws.cloudtrail.user_identity.accessKeyId",
            "aws.cloudtrail.user_identity.identityProvider", "aws.cloudtrail.user_identity.userName",
            "aws.cloudtrail.user_identity.invokedBy",
            "aws.cloudtrail.user_identity.session_context.session_issuer.type",
            "aws.cloudtrail.user_identity.session_context.session_issuer.arn",
            "aws.cloudtrail.user_identity.session_context.attributes.creationDate",
            "aws.cloudtrail.user_identity.session_context.attributes.mfaAuthenticated",
            "aws.cloudtrail.user_identity.web_id_federation_data.federatedProvider",
            "aws.cloudtrail.resources.ARN", "aws.cloudtrail.resources.account_uid", "aws.cloudtrail.resources.type");

    private static final int DEFAULT_TOTAL_FIELDS_LIMIT = 1000;

    private final MergedMapping mapping = MergedMapping.ofIndexTemplate();

    @Test
    void componentsAndIndexTemplateMergeWithoutConflicts() {
        assertEquals(List.of(), mapping.conflicts());
    }

    @Test
    void everyFieldUsesAServerTypeWithOnlyItsOwnParameters() {
        List<String> problems = new ArrayList<>();
        mapping.fields().forEach((path, definition) -> {
            String type = definition.path("type").asText();
            Set<String> allowed = ALLOWED_PARAMETERS.get(type);
            if (allowed == null) {
                problems.add(path + ": type [" + type + "] not allowed (server types only)");
                return;
            }
            for (Iterator<String> names = definition.fieldNames(); names.hasNext(); ) {
                String parameter = names.next();
                if (!allowed.contains(parameter)) {
                    problems.add(path + ": [" + parameter + "] is not a parameter of " + type);
                }
            }
            if (mapping.isMultiField(path) && definition.has("fields")) {
                problems.add(path + ": multi-fields cannot nest");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyAliasPointsAtAConcreteFieldAndNeverShadowsOne() {
        List<String> problems = new ArrayList<>();
        int aliases = 0;
        for (Map.Entry<String, JsonNode> entry : mapping.fields().entrySet()) {
            JsonNode definition = entry.getValue();
            if (!definition.path("type").asText().equals("alias")) {
                continue;
            }
            aliases++;
            String target = definition.path("path").asText();
            String targetType = mapping.typeOf(target);
            if (targetType == null) {
                problems.add(entry.getKey() + " -> " + target + ": target is not a mapped field");
            } else if (targetType.equals("alias") || targetType.equals("flat_object")) {
                problems.add(entry.getKey() + " -> " + target + ": target is a " + targetType);
            }
            if (mapping.isMultiField(entry.getKey())) {
                problems.add(entry.getKey() + ": an alias cannot be a multi-field");
            }
        }
        assertTrue(aliases > 0, "the index template should carry the Security Analytics aliases");
        // A concrete field of the same name would have been reported as a merge conflict.
        assertEquals(List.of(), mapping.conflicts());
        assertEquals(List.of(), problems);
    }

    @Test
    void securityAnalyticsFieldNamesResolve() {
        List<String> missing = SECURITY_ANALYTICS_FIELDS.stream().filter(f -> mapping.field(f).isEmpty()).toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void dashboardAggregationFieldsAreRealDocValueFields() {
        List<String> problems = new ArrayList<>();
        for (String field : DASHBOARD_AGGREGATION_FIELDS) {
            String type = mapping.typeOf(field);
            if (type == null || !AGGREGATABLE_TYPES.contains(type)) {
                problems.add(field + ": " + type);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void unknownFieldsAreNeitherMappedNorGuessed() {
        JsonNode root = settingsComponent().path("template").path("mappings");
        assertFalse(root.path("dynamic").asBoolean(true), "dynamic must be false");
        assertFalse(root.path("date_detection").asBoolean(true), "date_detection must be false");
    }

    @Test
    void fieldCountStaysWellUnderTheTotalFieldsLimit() {
        JsonNode index = settingsComponent().path("template").path("settings").path("index");
        int limit = index.path("mapping").path("total_fields").path("limit").asInt(DEFAULT_TOTAL_FIELDS_LIMIT);
        int count = mapping.totalFieldCount();
        System.out.printf("index-templates: %d mapped fields (objects, fields, multi-fields, aliases); limit %d%n",
                count, limit);
        assertTrue(count < limit * 0.8, count + " fields leave too little headroom under the limit " + limit);
    }

    @Test
    void payloadStringsAreSearchableWithoutRejectingLongValues() {
        for (String payload : List.of("request_parameters", "response_elements", "additional_eventdata",
                "service_event_details")) {
            JsonNode field = mapping.field("aws.cloudtrail." + payload).orElseThrow();
            assertEquals("keyword", field.path("type").asText(), payload);
            assertEquals(8191, field.path("ignore_above").asInt(), payload);
            assertTrue(mapping.field("aws.cloudtrail." + payload + ".text").isPresent(), payload + ".text");
            assertEquals("flat_object", mapping.typeOf("aws.cloudtrail.flattened." + payload), payload);
        }
    }

    private static JsonNode settingsComponent() {
        return CloudTrailIndexTemplates.componentTemplates().stream()
                .filter(c -> c.name().equals("cloudtrail-settings"))
                .map(c -> TemplateResources.parse(c.json(), c.name()))
                .findFirst().orElseThrow();
    }
}
