package org.cloudtrailopensearch.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the JSON resources that sit next to this class; a missing or broken resource is a packaging bug. */
final class TemplateResources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateResources() {
    }

    static String text(String resourceName) {
        try (InputStream in = TemplateResources.class.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("template resource missing from the classpath: " + resourceName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template resource " + resourceName, e);
        }
    }

    static JsonNode tree(String resourceName) {
        return parse(text(resourceName), resourceName);
    }

    static JsonNode parse(String json, String origin) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template resource is not valid JSON: " + origin, e);
        }
    }

    static String write(JsonNode tree) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise template JSON", e);
        }
    }
}
