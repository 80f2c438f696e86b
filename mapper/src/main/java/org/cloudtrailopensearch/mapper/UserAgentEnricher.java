package org.cloudtrailopensearch.mapper;

import ua_parser.Client;
import ua_parser.Device;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

/**
 * {@code user_agent.*} with uap-java (the same uap-core regexes Elasticsearch's user_agent processor uses),
 * behind a bounded cache: a trail has few distinct user agents and regex matching is the costliest step.
 */
final class UserAgentEnricher {

    /** Longer strings are not parsed (uap's regexes are not linear on pathological input); original is kept. */
    private static final int MAX_PARSED_LENGTH = 1024;

    private final Parser parser;
    private final BoundedCache<String, ParsedAgent> cache;

    UserAgentEnricher(int cacheSize) {
        this.parser = ParserHolder.PARSER;
        this.cache = new BoundedCache<>(cacheSize);
    }

    void enrich(String userAgent, EcsObject doc) {
        EcsObject target = doc.putObject("user_agent");
        target.put("original", userAgent);
        if (userAgent.length() > MAX_PARSED_LENGTH) {
            return;
        }
        cache.get(userAgent, this::parse).writeTo(target);
    }

    private ParsedAgent parse(String userAgent) {
        Client client = parser.parse(userAgent);
        UserAgent agent = client.userAgent;
        OS os = client.os;
        Device device = client.device;
        String osName = os == null || os.family == null || "Other".equals(os.family) ? null : os.family;
        String osVersion = osName == null ? null : joinVersion(os.major, os.minor, os.patch, os.patchMinor);
        EcsObject osFields = null;
        if (osName != null) {
            osFields = new EcsObject();
            osFields.put("name", osName);
            if (osVersion != null) {
                osFields.put("version", osVersion);
                osFields.put("full", osName + " " + osVersion);
            }
        }
        EcsObject deviceFields = new EcsObject();
        deviceFields.put("name", device == null || device.family == null ? "Other" : device.family);
        return new ParsedAgent(
                agent == null || agent.family == null ? "Other" : agent.family,
                agent == null ? null : joinVersion(agent.major, agent.minor, agent.patch, null),
                osFields,
                deviceFields);
    }

    private static String joinVersion(String major, String minor, String patch, String build) {
        if (major == null || major.isEmpty()) {
            return null;
        }
        StringBuilder version = new StringBuilder(major);
        for (String part : new String[] {minor, patch, build}) {
            if (part == null || part.isEmpty()) {
                break;
            }
            version.append('.').append(part);
        }
        return version.toString();
    }

    /** One parse, cached; the os and device objects are shared read-only by every document with this agent. */
    private record ParsedAgent(String name, String version, EcsObject os, EcsObject device) {
        void writeTo(EcsObject target) {
            target.put("name", name);
            if (version != null) {
                target.put("version", version);
            }
            if (os != null) {
                target.set("os", os);
            }
            target.set("device", device);
        }
    }

    private static final class ParserHolder {
        // Compiling uap-core's ~1000 regexes takes a while; one parser (thread-safe) serves every mapper.
        static final Parser PARSER = new Parser();
    }
}
