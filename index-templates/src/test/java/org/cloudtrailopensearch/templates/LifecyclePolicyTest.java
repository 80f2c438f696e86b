package org.cloudtrailopensearch.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ISM is absent from the test nodes, so the policy's shape and state graph are checked here. */
class LifecyclePolicyTest {

    private final JsonNode policy =
            TemplateResources.parse(CloudTrailIndexTemplates.lifecyclePolicyJson(), "ism policy").path("policy");

    @Test
    void nameAndBodyShape() {
        assertEquals("cloudtrail-lifecycle", CloudTrailIndexTemplates.lifecyclePolicyName());
        assertTrue(policy.isObject(), "body must be {\"policy\": {...}}");
        assertTrue(policy.path("description").isTextual());
        assertTrue(policy.path("states").isArray() && policy.path("states").size() > 0);
    }

    @Test
    void everyTransitionLeadsToADeclaredState() {
        Set<String> states = new HashSet<>();
        policy.path("states").forEach(state -> states.add(state.path("name").asText()));
        assertTrue(states.contains(policy.path("default_state").asText()), "default_state must be a declared state");
        policy.path("states").forEach(state -> {
            assertTrue(state.path("actions").isArray(), state.path("name") + ".actions");
            state.path("transitions").forEach(transition ->
                    assertTrue(states.contains(transition.path("state_name").asText()),
                            state.path("name") + " -> " + transition.path("state_name")));
        });
    }

    @Test
    void monthlyIndicesGoReadOnlyThenAreDeleted() {
        assertEquals("hot", policy.path("default_state").asText());
        assertTrue(stateActions("warm").contains("read_only"));
        assertTrue(stateActions("delete").contains("delete"));
    }

    @Test
    void appliesItselfToNewCloudTrailIndices() {
        JsonNode patterns = policy.path("ism_template").path(0).path("index_patterns");
        assertEquals(CloudTrailIndexTemplates.indexPattern(), patterns.path(0).asText());
    }

    private Set<String> stateActions(String stateName) {
        Set<String> actions = new HashSet<>();
        policy.path("states").forEach(state -> {
            if (state.path("name").asText().equals(stateName)) {
                state.path("actions").forEach(action -> action.fieldNames().forEachRemaining(actions::add));
            }
        });
        return actions;
    }
}
