package org.cloudtrailopensearch.mapper.rules;

import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.FrozenObject;
import org.cloudtrailopensearch.mapper.json.FrozenObjectCache;
import ua_parser.Client;
import ua_parser.Device;
import ua_parser.OS;
import ua_parser.UserAgent;

/**
 * {@code user_agent.*} with uap-java (the same uap-core regexes Elasticsearch's user_agent processor uses),
 * behind a bounded cache: a trail has few distinct user agents and regex matching is the costliest step. New
 * user agents go through {@link PrefilteredUapParser}, which gives uap's answer but tries only the patterns
 * that can match.
 */
final class UserAgentEnricher {

    /** Longer strings are not parsed (uap's regexes are not linear on pathological input); original is kept. */
    static final int MAX_PARSED_LENGTH = 1024;

    private final PrefilteredUapParser parser;
    private final FrozenObjectCache cache;

    UserAgentEnricher(int cacheSize) {
        this.parser = ParserHolder.PARSER;
        this.cache = new FrozenObjectCache(cacheSize);
    }

    /** The cached {@code user_agent} object of this string, or null (not seen yet, or too long to parse). */
    FrozenObject cached(String userAgent) {
        if (userAgent.length() > MAX_PARSED_LENGTH) {
            return null;
        }
        return cache.get(userAgent);
    }

    /** Sets {@code user_agent}: {@code cached} when known (see {@link #cached}), else parsed now and cached. */
    void enrich(String userAgent, FrozenObject cached, EcsObject doc) {
        if (cached != null) {
            doc.set("user_agent", cached);
        } else if (userAgent.length() > MAX_PARSED_LENGTH) {
            doc.putObject("user_agent").put("original", userAgent);
        } else {
            doc.set("user_agent", cache.computeIfAbsent(userAgent, this::parse));
        }
    }

    /** The whole {@code user_agent} object, shared by all documents with this user agent: it depends on the string alone. */
    private EcsObject parse(String userAgent) {
        Client client = parser.parse(userAgent);
        UserAgent agent = client.userAgent;
        OS os = client.os;
        Device device = client.device;
        EcsObject target = new EcsObject();
        target.put("original", userAgent);
        target.put("name", agent == null || agent.family == null ? "Other" : agent.family);
        String version = agent == null ? null : joinVersion(agent.major, agent.minor, agent.patch, null);
        if (version != null) {
            target.put("version", version);
        }
        String osName = os == null || os.family == null || "Other".equals(os.family) ? null : os.family;
        if (osName != null) {
            EcsObject osFields = target.putObject("os");
            osFields.put("name", osName);
            String osVersion = joinVersion(os.major, os.minor, os.patch, os.patchMinor);
            if (osVersion != null) {
                osFields.put("version", osVersion);
                osFields.put("full", osName + " " + osVersion);
            }
        }
        target.putObject("device").put("name", device == null || device.family == null ? "Other" : device.family);
        return target;
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

    private static final class ParserHolder {
        // Compiling uap-core's ~1200 regexes takes a while; one parser (thread-safe) serves every mapper.
        static final PrefilteredUapParser PARSER = new PrefilteredUapParser();
    }
}
