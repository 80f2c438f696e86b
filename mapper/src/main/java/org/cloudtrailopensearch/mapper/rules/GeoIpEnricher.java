package org.cloudtrailopensearch.mapper.rules;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.Subdivision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.FrozenObject;
import org.cloudtrailopensearch.mapper.json.FrozenObjectCache;

/**
 * Adds {@code source.geo.*} (GeoIP2/GeoLite2 City) and {@code source.as.*} (ASN) the way Elasticsearch's geoip
 * processor does. Thread-safe: {@link DatabaseReader} is.
 */
final class GeoIpEnricher {

    private static final String EMBEDDED_CITY = "/GeoLite2-City.mmdb";
    private static final String EMBEDDED_ASN = "/GeoLite2-ASN.mmdb";

    private static final int CACHE_SIZE = 50_000;

    private final DatabaseReader city;
    private final DatabaseReader asn;
    /**
     * Source IPs repeat heavily (the same NATs and offices all day); a lookup decodes several database records.
     * The cached objects are never modified after the lookup, so documents can share them (they are only written
     * out or copied into a Jackson tree, see EcsObject).
     */
    private final FrozenObjectCache cache = new FrozenObjectCache(CACHE_SIZE);

    private GeoIpEnricher(DatabaseReader city, DatabaseReader asn) {
        this.city = city;
        this.asn = asn;
    }

    /** A new enricher on the same databases with its own cache (the embedded instance is shared JVM-wide). */
    GeoIpEnricher withOwnCache() {
        return new GeoIpEnricher(city, asn);
    }

    /** The GeoLite2 databases of {@code org.elasticsearch:geolite2-databases}, loaded once per JVM (62 MB). */
    static GeoIpEnricher embedded() {
        return EmbeddedHolder.INSTANCE;
    }

    /** Own databases; either path may be null to use the embedded one. Fails loudly on a bad file. */
    static GeoIpEnricher fromFiles(Path cityDatabase, Path asnDatabase) {
        DatabaseReader cityReader = cityDatabase == null ? embedded().city : openFile(cityDatabase, "City");
        DatabaseReader asnReader = asnDatabase == null ? embedded().asn : openFile(asnDatabase, "ASN");
        return new GeoIpEnricher(cityReader, asnReader);
    }

    private static DatabaseReader openFile(Path path, String kind) {
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("GeoIP " + kind + " database " + path + " does not exist or is not readable");
        }
        try {
            DatabaseReader reader = new DatabaseReader.Builder(path.toFile()).withCache(new CHMCache()).build();
            String type = reader.metadata().databaseType();
            if (!type.contains(kind)) {
                throw new IllegalStateException("GeoIP database " + path + " is a " + type + " database, expected " + kind);
            }
            return reader;
        } catch (IOException e) {
            throw new IllegalStateException("GeoIP " + kind + " database " + path + " is not a MaxMind database: " + e.getMessage(), e);
        }
    }

    private static DatabaseReader openResource(String resource, String kind) {
        try (InputStream in = GeoIpEnricher.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded GeoLite2 " + kind + " database " + resource
                        + " is not on the classpath (dependency org.elasticsearch:geolite2-databases missing?)");
            }
            return new DatabaseReader.Builder(in).withCache(new CHMCache()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedded GeoLite2 " + kind + " database", e);
        }
    }

    /**
     * The whole {@code source} object of a public address (address, ip, geo, as), shared by all documents from
     * this address: it depends on the address alone. Null for private and reserved addresses, which the databases
     * know nothing of.
     */
    FrozenObject source(String literal, InetAddress address) {
        if (!IpAddresses.isPublic(address)) {
            return null;
        }
        return cache.computeIfAbsent(literal, key -> lookUp(literal, address));
    }

    /** The {@code source} object of an address looked up before (so a public address), or null. */
    FrozenObject cachedSource(String literal) {
        return cache.get(literal);
    }

    private EcsObject lookUp(String literal, InetAddress address) {
        EcsObject source = new EcsObject();
        // Keep the literal as written (not InetAddress's canonical form) so that ip equals address.
        source.put("address", literal);
        source.put("ip", literal);
        try {
            Optional<CityResponse> cityResponse = city.tryCity(address);
            cityResponse.ifPresent(response -> writeGeo(response, source));
            Optional<AsnResponse> asnResponse = asn.tryAsn(address);
            asnResponse.ifPresent(response -> writeAs(response, source));
        } catch (IOException | GeoIp2Exception e) {
            // A corrupt region of the database: the record is still worth indexing without geo data.
        }
        return source;
    }

    private static void writeGeo(CityResponse response, EcsObject source) {
        EcsObject geo = new EcsObject();
        putIfPresent(geo, "city_name", response.city() == null ? null : response.city().name());
        putIfPresent(geo, "continent_name", response.continent() == null ? null : response.continent().name());
        String countryIso = response.country() == null ? null : response.country().isoCode();
        putIfPresent(geo, "country_iso_code", countryIso);
        putIfPresent(geo, "country_name", response.country() == null ? null : response.country().name());
        if (response.location() != null && response.location().latitude() != null && response.location().longitude() != null) {
            EcsObject location = geo.putObject("location");
            location.put("lat", response.location().latitude());
            location.put("lon", response.location().longitude());
        }
        if (response.subdivisions() != null && !response.subdivisions().isEmpty()) {
            Subdivision region = response.subdivisions().get(0);
            if (countryIso != null && region.isoCode() != null) {
                geo.put("region_iso_code", countryIso + "-" + region.isoCode());
            }
            putIfPresent(geo, "region_name", region.name());
        }
        if (!geo.isEmpty()) {
            source.set("geo", geo);
        }
    }

    private static void writeAs(AsnResponse response, EcsObject source) {
        if (response.autonomousSystemNumber() == null && response.autonomousSystemOrganization() == null) {
            return;
        }
        EcsObject as = source.putObject("as");
        if (response.autonomousSystemNumber() != null) {
            as.put("number", response.autonomousSystemNumber());
        }
        if (response.autonomousSystemOrganization() != null) {
            as.putObject("organization").put("name", response.autonomousSystemOrganization());
        }
    }

    private static void putIfPresent(EcsObject node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static final class EmbeddedHolder {
        static final GeoIpEnricher INSTANCE =
                new GeoIpEnricher(openResource(EMBEDDED_CITY, "City"), openResource(EMBEDDED_ASN, "ASN"));
    }
}
