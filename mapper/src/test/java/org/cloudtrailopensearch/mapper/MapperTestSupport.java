package org.cloudtrailopensearch.mapper;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared fixtures: one mapper per JVM (GeoLite2 and uap regexes are costly to load) and small helpers. */
public final class MapperTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant CREATED = Instant.parse("2021-11-11T01:02:03.123456789Z");
    static final CloudTrailMapper MAPPER = CloudTrailMapper.builder().clock(Clock.fixed(CREATED, ZoneOffset.UTC)).build();

    private MapperTestSupport() {
    }

    static ObjectNode mapOk(CloudTrailMapper mapper, String json) {
        MappingResult result = mapper.map(json);
        return assertInstanceOf(MappingResult.Mapped.class, result, () -> "rejected: " + result).document();
    }

    static ObjectNode mapOk(String json) {
        return mapOk(MAPPER, json);
    }

    static MappingResult.Rejected reject(String json) {
        MappingResult result = MAPPER.map(json);
        return assertInstanceOf(MappingResult.Rejected.class, result, () -> "mapped: " + result);
    }

    /** The value at a dotted path, or a missing node. */
    static JsonNode at(JsonNode doc, String dottedPath) {
        JsonNode node = doc;
        for (String step : dottedPath.split("\\.")) {
            node = node.isArray() && step.matches("\\d+") ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node;
    }

    static String text(JsonNode doc, String dottedPath) {
        JsonNode node = at(doc, dottedPath);
        return node.isMissingNode() ? null : node.asText();
    }

    /** A minimal valid API-call record with the given userIdentity JSON and extra top-level fields. */
    static String record(String userIdentity, String extraFields) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":" + userIdentity
                + ",\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\""
                + ",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"10.1.2.3\",\"userAgent\":\"aws-cli/2.15.0\""
                + ",\"eventID\":\"e-1\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\""
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
    }

    /**
     * {@code relative} resolved against the working directory or the nearest of its parents where it exists (the
     * module, the repository root, or the folder beside the checkout), or null.
     */
    public static Path findAbove(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate.normalize();
            }
        }
        return null;
    }
}
