package org.cloudtrailopensearch.templates;

import java.util.Objects;

/**
 * One OpenSearch component template: the name to use in {@code PUT _component_template/<name>} and the
 * exact request body.
 */
public record ComponentTemplate(String name, String json) {

    public ComponentTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
    }
}
