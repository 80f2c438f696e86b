package org.cloudtrailopensearch.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;
import org.cloudtrailopensearch.mapper.rules.IpAddresses;
import org.cloudtrailopensearch.mapper.rules.MappingContext;
import org.cloudtrailopensearch.mapper.rules.TopField;

/**
 * A threat-intelligence feed: IP addresses, CIDR ranges, user agents, ARNs and access key IDs known to be bad.
 * Given to {@link CloudTrailMapper.Builder#threatIndicators}, it adds one {@code threat.enrichments} entry per match
 * to a document (ECS indicator-match enrichments: {@code indicator.type/name/provider},
 * {@code matched.atomic/field/type}).
 *
 * <p>File format (UTF-8): one indicator per line, {@code INDICATOR,SOURCE}, split at the last comma (a user agent may
 * contain commas); blank lines and lines starting with {@code #} are ignored. The type follows from the indicator:
 * an IPv4/IPv6 address or CIDR range ({@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32}) matches
 * {@code source.ip}; a value starting with {@code arn:} matches {@code aws.cloudtrail.user_identity.arn}, the session
 * issuer's ARN and {@code aws.cloudtrail.resources.arn}; {@code AKIA…}/{@code ASIA…} (20 characters) matches
 * {@code aws.cloudtrail.user_identity.access_key_id}; anything else is a user agent, matched exactly against
 * {@code user_agent.original}.
 *
 * <p>Immutable and thread-safe. Matching costs a few hash lookups per record whatever the feed's size: exact
 * values are hash keys, and CIDR ranges are grouped by prefix length, so an address is masked once per distinct
 * length and looked up in that length's table (an exact address is a /32 or /128 range).
 */
public final class ThreatIndicators {

    static final String MATCH_TYPE = "indicator_match_rule";
    static final String FIELD_SOURCE_IP = "source.ip";
    static final String FIELD_USER_AGENT = "user_agent.original";
    static final String FIELD_IDENTITY_ARN = "aws.cloudtrail.user_identity.arn";
    static final String FIELD_ISSUER_ARN = "aws.cloudtrail.user_identity.session_context.session_issuer.arn";
    static final String FIELD_RESOURCE_ARN = "aws.cloudtrail.resources.arn";
    static final String FIELD_ACCESS_KEY_ID = "aws.cloudtrail.user_identity.access_key_id";

    private static final String TYPE_IPV4 = "ipv4-addr";
    private static final String TYPE_IPV6 = "ipv6-addr";
    private static final String TYPE_SOFTWARE = "software";
    private static final String TYPE_ACCOUNT = "user-account";

    /** One line of the feed. */
    private record Indicator(String type, String name, String provider) {
    }

    private final String origin;
    private final int size;
    private final Map<String, Indicator[]> userAgents;
    private final Map<String, Indicator[]> arns;
    private final Map<String, Indicator[]> accessKeys;
    /** One table per prefix length, longest first; IPv4 keys in the low 32 bits of {@code lo}. */
    private final AddressTable[] v4;
    private final AddressTable[] v6;

    private ThreatIndicators(String origin, Reading builder) {
        this.origin = origin;
        this.size = builder.seen.size();
        this.userAgents = freeze(builder.userAgents);
        this.arns = freeze(builder.arns);
        this.accessKeys = freeze(builder.accessKeys);
        this.v4 = AddressTable.of(builder.v4, 32);
        this.v6 = AddressTable.of(builder.v6, 128);
    }

    /**
     * Reads a feed file (format in the class comment).
     *
     * @throws IllegalStateException when the file cannot be read or is not UTF-8, or a line is malformed (the
     *     message names the file and the line)
     */
    public static ThreatIndicators fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new IllegalStateException("threat indicator file " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read threat indicator file " + file + ": " + e, e);
        }
        try {
            return parse(lines, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Parses feed lines (format in the class comment); {@code origin} names them in error messages.
     *
     * @throws IllegalArgumentException for a malformed line: {@code <origin> line <n>: <what is wrong>}
     */
    public static ThreatIndicators parse(List<String> lines, String origin) {
        Objects.requireNonNull(lines, "lines");
        String name = origin == null ? "threat indicators" : origin;
        Reading builder = new Reading();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1); // byte-order mark
            }
            String trimmed = line == null ? "" : line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String where = name + " line " + (i + 1) + ": ";
            int comma = trimmed.lastIndexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException(where + "expected INDICATOR,SOURCE but there is no comma: " + abbreviate(trimmed));
            }
            String indicator = trimmed.substring(0, comma).strip();
            String provider = trimmed.substring(comma + 1).strip();
            if (indicator.isEmpty()) {
                throw new IllegalArgumentException(where + "empty indicator before the comma: " + abbreviate(trimmed));
            }
            if (provider.isEmpty()) {
                throw new IllegalArgumentException(where + "empty source after the last comma: " + abbreviate(trimmed));
            }
            builder.add(indicator, provider, where);
        }
        return new ThreatIndicators(name, builder);
    }

    /** How many distinct indicator lines (indicator and source) the feed holds. */
    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "ThreatIndicators[" + origin + ", " + size + " indicators]";
    }

    /** Adds {@code threat.enrichments} to the document when the record matches any indicator. */
    void enrich(MappingContext ctx) {
        List<Object> matches = null;
        if (v4.length > 0 || v6.length > 0) {
            matches = matchAddress(ctx.inputText(TopField.SOURCE_IP_ADDRESS), matches);
        }
        if (!userAgents.isEmpty()) {
            matches = matchText(userAgents, ctx.inputText(TopField.USER_AGENT), FIELD_USER_AGENT, matches);
        }
        JsonNode identity = ctx.input(TopField.USER_IDENTITY);
        if (!arns.isEmpty()) {
            matches = matchText(arns, JsonValues.text(identity, "arn"), FIELD_IDENTITY_ARN, matches);
            JsonNode issuer = JsonValues.object(JsonValues.object(identity, "sessionContext"), "sessionIssuer");
            matches = matchText(arns, JsonValues.text(issuer, "arn"), FIELD_ISSUER_ARN, matches);
            matches = matchResources(ctx.input(TopField.RESOURCES), matches);
        }
        if (!accessKeys.isEmpty()) {
            matches = matchText(accessKeys, JsonValues.text(identity, "accessKeyId"), FIELD_ACCESS_KEY_ID, matches);
        }
        if (matches != null) {
            ctx.node("threat").putArray("enrichments", matches.toArray());
        }
    }

    private List<Object> matchAddress(String address, List<Object> matches) {
        if (address == null) {
            return matches;
        }
        long v4Bits = IpAddresses.parseV4Bits(address);
        if (v4Bits < 0 && address.indexOf(':') >= 0) {
            InetAddress ip = IpAddresses.parse(address);
            if (ip instanceof Inet4Address) {
                v4Bits = v4Bits(ip.getAddress());
            } else if (ip != null) {
                byte[] bytes = ip.getAddress();
                return matchAddress(v6, bits(bytes, 0), bits(bytes, 8), address, matches);
            }
        }
        return v4Bits < 0 ? matches : matchAddress(v4, 0, v4Bits, address, matches);
    }

    private static List<Object> matchAddress(AddressTable[] tables, long hi, long lo, String address, List<Object> matches) {
        for (AddressTable table : tables) {
            matches = add(matches, table.get(hi, lo), address, FIELD_SOURCE_IP);
        }
        return matches;
    }

    private static List<Object> matchText(Map<String, Indicator[]> indicators, String value, String field, List<Object> matches) {
        return value == null ? matches : add(matches, indicators.get(value), value, field);
    }

    private List<Object> matchResources(JsonNode resources, List<Object> matches) {
        if (resources == null) {
            return matches;
        }
        if (!resources.isArray()) {
            return matchText(arns, resourceArn(resources), FIELD_RESOURCE_ARN, matches);
        }
        for (int i = 0; i < resources.size(); i++) {
            String arn = resourceArn(resources.get(i));
            if (arn != null && arns.containsKey(arn) && !seenEarlier(resources, i, arn)) {
                matches = matchText(arns, arn, FIELD_RESOURCE_ARN, matches);
            }
        }
        return matches;
    }

    private static String resourceArn(JsonNode resource) {
        String arn = JsonValues.text(resource, "ARN");
        return arn != null ? arn : JsonValues.text(resource, "arn");
    }

    /** Whether a resource before {@code index} has the same ARN (one match per matched value). */
    private static boolean seenEarlier(JsonNode resources, int index, String arn) {
        for (int i = 0; i < index; i++) {
            if (arn.equals(resourceArn(resources.get(i)))) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> add(List<Object> matches, Indicator[] indicators, String atomic, String field) {
        if (indicators == null) {
            return matches;
        }
        List<Object> result = matches == null ? new ArrayList<>(2) : matches;
        for (Indicator indicator : indicators) {
            EcsObject entry = new EcsObject();
            EcsObject described = entry.putObject("indicator");
            described.put("type", indicator.type());
            described.put("name", indicator.name());
            described.put("provider", indicator.provider());
            EcsObject matched = entry.putObject("matched");
            matched.put("atomic", atomic);
            matched.put("field", field);
            matched.put("type", MATCH_TYPE);
            result.add(entry);
        }
        return result;
    }

    private static long v4Bits(byte[] bytes) {
        return ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) | ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL);
    }

    /** Eight bytes from {@code from}, big-endian. */
    private static long bits(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xffL);
        }
        return value;
    }

    private static Map<String, Indicator[]> freeze(Map<String, List<Indicator>> map) {
        Map<String, Indicator[]> frozen = new HashMap<>(Math.max(4, map.size() * 2));
        map.forEach((key, list) -> frozen.put(key, list.toArray(Indicator[]::new)));
        return frozen;
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    /** The feed while it is being read. */
    private static final class Reading {
        final Set<List<String>> seen = new LinkedHashSet<>();
        final Map<String, List<Indicator>> userAgents = new LinkedHashMap<>();
        final Map<String, List<Indicator>> arns = new LinkedHashMap<>();
        final Map<String, List<Indicator>> accessKeys = new LinkedHashMap<>();
        /** prefix length -> masked address (hi, lo) -> indicators. */
        final Map<Integer, Map<List<Long>, List<Indicator>>> v4 = new HashMap<>();
        final Map<Integer, Map<List<Long>, List<Indicator>>> v6 = new HashMap<>();

        void add(String indicator, String provider, String where) {
            if (!seen.add(List.of(indicator, provider))) {
                return; // the same line twice: one indicator
            }
            if (addAddress(indicator, provider, where)) {
                return;
            }
            if (indicator.startsWith("arn:")) {
                put(arns, indicator, new Indicator(TYPE_ACCOUNT, indicator, provider));
            } else if (isAccessKeyId(indicator)) {
                put(accessKeys, indicator, new Indicator(TYPE_ACCOUNT, indicator, provider));
            } else {
                put(userAgents, indicator, new Indicator(TYPE_SOFTWARE, indicator, provider));
            }
        }

        /** An IP address or CIDR range: added, true. Anything else: false. */
        private boolean addAddress(String indicator, String provider, String where) {
            int slash = indicator.indexOf('/');
            InetAddress address = IpAddresses.parse(slash < 0 ? indicator : indicator.substring(0, slash));
            if (address == null) {
                return false;
            }
            boolean v4 = address instanceof Inet4Address;
            int bitsTotal = v4 ? 32 : 128;
            int prefix = bitsTotal;
            if (slash >= 0) {
                prefix = prefixLength(indicator.substring(slash + 1));
                if (v4 && indicator.indexOf(':') >= 0) {
                    prefix -= 96; // ::ffff:a.b.c.d/len, an IPv4-mapped range: len counts the 96 leading bits
                }
                if (prefix < 0 || prefix > bitsTotal) {
                    throw new IllegalArgumentException(where + "not a valid CIDR prefix length in " + indicator);
                }
            }
            byte[] bytes = address.getAddress();
            long hi = v4 ? 0 : bits(bytes, 0);
            long lo = v4 ? v4Bits(bytes) : bits(bytes, 8);
            long[] mask = AddressTable.mask(prefix, bitsTotal);
            Indicator entry = new Indicator(v4 ? TYPE_IPV4 : TYPE_IPV6, indicator, provider);
            (v4 ? this.v4 : this.v6).computeIfAbsent(prefix, p -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(hi & mask[0], lo & mask[1]), k -> new ArrayList<>()).add(entry);
            return true;
        }

        private static int prefixLength(String digits) {
            if (digits.isEmpty() || digits.length() > 3) {
                return -1;
            }
            for (int i = 0; i < digits.length(); i++) {
                if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                    return -1;
                }
            }
            return Integer.parseInt(digits);
        }

        /** {@code ^(AKIA|ASIA)[A-Z0-9]{16}$}. */
        private static boolean isAccessKeyId(String value) {
            if (value.length() != 20 || !(value.startsWith("AKIA") || value.startsWith("ASIA"))) {
                return false;
            }
            for (int i = 4; i < 20; i++) {
                char c = value.charAt(i);
                if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                    return false;
                }
            }
            return true;
        }

        private static void put(Map<String, List<Indicator>> map, String key, Indicator indicator) {
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(indicator);
        }
    }

    /**
     * The ranges of one prefix length: an open-addressing hash table from the masked address (two longs) to the
     * indicators of that range. Built once, read without locking or allocation. A slot's two key longs sit side by
     * side, so a probe reads one cache line, and the indicators only on a hit: with a feed of many thousand
     * addresses nearly every lookup is a miss in the processor's caches, and nearly every answer is "no". (0, 0)
     * marks an empty slot; the range whose masked address really is (0, 0) is kept aside.
     */
    private static final class AddressTable {
        private final long maskHi;
        private final long maskLo;
        /** hi and lo of slot i at 2i and 2i + 1. */
        private final long[] keys;
        private final Indicator[][] values;
        private final int slotMask;
        /** The indicators whose masked address is (0, 0) (e.g. 0.0.0.0/0), or null. */
        private final Indicator[] zero;

        private AddressTable(int prefix, int bitsTotal, Map<List<Long>, List<Indicator>> ranges) {
            long[] mask = mask(prefix, bitsTotal);
            this.maskHi = mask[0];
            this.maskLo = mask[1];
            int slots = Integer.highestOneBit(Math.max(2, ranges.size()) * 2 - 1) * 2; // load factor <= 1/2
            this.keys = new long[2 * slots];
            this.values = new Indicator[slots][];
            this.slotMask = slots - 1;
            Indicator[] zeroKey = null;
            for (Map.Entry<List<Long>, List<Indicator>> range : ranges.entrySet()) {
                long hi = range.getKey().get(0);
                long lo = range.getKey().get(1);
                Indicator[] indicators = range.getValue().toArray(Indicator[]::new);
                if (hi == 0 && lo == 0) {
                    zeroKey = indicators;
                    continue;
                }
                int slot = hash(hi, lo) & slotMask;
                while (keys[2 * slot] != 0 || keys[2 * slot + 1] != 0) {
                    slot = (slot + 1) & slotMask;
                }
                keys[2 * slot] = hi;
                keys[2 * slot + 1] = lo;
                values[slot] = indicators;
            }
            this.zero = zeroKey;
        }

        static AddressTable[] of(Map<Integer, Map<List<Long>, List<Indicator>>> byPrefix, int bitsTotal) {
            return byPrefix.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Map<List<Long>, List<Indicator>>>comparingByKey(Comparator.reverseOrder()))
                    .map(e -> new AddressTable(e.getKey(), bitsTotal, e.getValue()))
                    .toArray(AddressTable[]::new);
        }

        /** The {hi, lo} mask keeping the first {@code prefix} of {@code bitsTotal} bits (IPv4 sits in lo's low 32). */
        static long[] mask(int prefix, int bitsTotal) {
            if (bitsTotal == 32) {
                return new long[] {0, prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL};
            }
            if (prefix == 0) {
                return new long[] {0, 0};
            }
            if (prefix <= 64) {
                return new long[] {-1L << (64 - prefix), 0};
            }
            return new long[] {-1L, -1L << (128 - prefix)};
        }

        Indicator[] get(long hi, long lo) {
            long maskedHi = hi & maskHi;
            long maskedLo = lo & maskLo;
            if (maskedHi == 0 && maskedLo == 0) {
                return zero;
            }
            int slot = hash(maskedHi, maskedLo) & slotMask;
            while (true) {
                long keyHi = keys[2 * slot];
                long keyLo = keys[2 * slot + 1];
                if (keyHi == maskedHi && keyLo == maskedLo) {
                    return values[slot];
                }
                if (keyHi == 0 && keyLo == 0) {
                    return null;
                }
                slot = (slot + 1) & slotMask;
            }
        }

        private static int hash(long hi, long lo) {
            long x = hi * 0x9E3779B97F4A7C15L + lo;
            x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
            x ^= x >>> 33;
            return (int) x;
        }
    }
}
