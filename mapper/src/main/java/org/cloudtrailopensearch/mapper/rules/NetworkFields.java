package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.Locale;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.FrozenObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * {@code source.*} (+ geo/AS), {@code user_agent.*} and {@code tls.*}: where the call came from and how.
 */
final class NetworkFields {

    private static final String AWS_DOMAIN = ".amazonaws.com";

    private NetworkFields() {
    }

    /**
     * {@code source.*} and {@code user_agent.*}. Both caches are asked first, side by side: in a large trail each
     * lookup mostly waits on main memory, and back to back the processor overlaps the two waits.
     */
    static void mapSourceAndUserAgent(MappingContext ctx, GeoIpEnricher geoIp, UserAgentEnricher userAgents) {
        String address = ctx.inputText(TopField.SOURCE_IP_ADDRESS);
        String userAgent = ctx.inputText(TopField.USER_AGENT);
        // Most addresses were seen before: a cache hit is a public IP, and parsing it again would be wasted.
        FrozenObject knownSource = address == null || geoIp == null ? null : geoIp.cachedSource(address);
        FrozenObject knownUserAgent = userAgent == null || userAgents == null ? null : userAgents.cached(userAgent);
        if (address != null) {
            mapSource(ctx, geoIp, address, knownSource);
        }
        if (userAgent == null) {
            return;
        }
        if (userAgents == null) {
            ctx.node("user_agent").put("original", userAgent);
        } else {
            userAgents.enrich(userAgent, knownUserAgent, ctx.doc);
        }
    }

    private static void mapSource(MappingContext ctx, GeoIpEnricher geoIp, String address, FrozenObject knownSource) {
        FrozenObject enriched = knownSource;
        boolean isIp = enriched != null;
        if (!isIp) {
            InetAddress ip = IpAddresses.parse(address);
            isIp = ip != null;
            enriched = ip == null || geoIp == null ? null : geoIp.source(address, ip);
        }
        if (enriched != null) {
            ctx.doc.set("source", enriched);
        } else {
            EcsObject source = ctx.node("source");
            source.put("address", address);
            if (isIp) {
                // Keep the literal as written (not InetAddress's canonical form) so it equals source.address.
                source.put("ip", address);
            }
        }
        if (isIp) {
            ctx.relatedIp.add(address);
        } else if (address.indexOf('.') >= 0 && address.indexOf(' ') < 0 && !address.endsWith(AWS_DOMAIN)) {
            // A caller's host name (not "AWS Internal", not an AWS service principal, not an "ip, ip" list).
            ctx.relatedHosts.add(address);
        }
        String serviceSourceIp = JsonValues.text(ctx.inputObject(TopField.SERVICE_EVENT_DETAILS), "sourceIpAddress");
        if (IpAddresses.parse(serviceSourceIp) != null) {
            ctx.relatedIp.add(serviceSourceIp);
        }
    }

    static void mapTls(MappingContext ctx) {
        JsonNode details = ctx.input(TopField.TLS_DETAILS);
        if (details == null) {
            return;
        }
        if (!details.isObject()) {
            throw RecordRejectedException.wrongType("tlsDetails", "an object", details);
        }
        String version = JsonValues.text(details, "tlsVersion");
        if ("tlsVersion".equals(version)) {
            return; // placeholder record written by some services: no TLS facts in it at all
        }
        EcsObject tls = new EcsObject();
        if (version != null) {
            int v = version.indexOf('v');
            if (v < 0) {
                tls.put("version", version);
            } else {
                if (v > 0) {
                    tls.put("version_protocol", version.substring(0, v).toLowerCase(Locale.ROOT));
                }
                if (v < version.length() - 1) {
                    tls.put("version", version.substring(v + 1));
                }
            }
        }
        MappingContext.putText(tls, "cipher", JsonValues.text(details, "cipherSuite"));
        String serverName = JsonValues.text(details, "clientProvidedHostHeader");
        if (serverName != null) {
            tls.putObject("client").put("server_name", serverName);
            if (!serverName.endsWith(AWS_DOMAIN)) {
                ctx.relatedHosts.add(serverName);
            }
        }
        if (!tls.isEmpty()) {
            ctx.doc.set("tls", tls);
        }
        String keyExchange = JsonValues.text(details, "keyExchange");
        if (keyExchange != null) {
            ctx.node("aws", "cloudtrail", "tls_details").put("key_exchange", keyExchange);
        }
    }
}
