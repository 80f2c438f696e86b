package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.commons.codec.digest.DigestUtils;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ListPublicKeysRequest;

/**
 * Public keys from CloudTrail's {@code ListPublicKeys}, per region (a digest is signed with its delivery
 * region's key). Queries {@code [from - 1 h, to + 2 h]} once per region and period: the +2 h covers keys
 * rotated just after the period (the fix of aws/aws-cli PR #10073). Credentials come from the SDK default
 * chain and are never logged.
 */
public final class CloudTrailPublicKeys implements PublicKeySource, AutoCloseable {

    private final Function<String, CloudTrailClient> clientFactory;
    private final Map<String, CloudTrailClient> clients = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> byFingerprint = new ConcurrentHashMap<>();
    private final Set<String> queried = ConcurrentHashMap.newKeySet();

    /** Uses {@code CloudTrailClient.builder().region(region).build()} (default credential chain). */
    public CloudTrailPublicKeys() {
        this(region -> CloudTrailClient.builder().region(Region.of(region)).build());
    }

    /** Uses caller-built clients per region (e.g. with an endpoint override). */
    public CloudTrailPublicKeys(Function<String, CloudTrailClient> clientFactory) {
        this.clientFactory = clientFactory;
    }

    @Override
    public Optional<PublicKey> find(String fingerprint, String region, Instant from, Instant to) throws IOException {
        String wanted = fingerprint == null ? "" : fingerprint.toLowerCase();
        PublicKey known = byFingerprint.get(wanted);
        if (known != null) {
            return Optional.of(known);
        }
        Instant start = from.minus(Duration.ofHours(1));
        Instant end = to.plus(Duration.ofHours(2));
        // Chains are walked concurrently: a second caller for the same window must wait for the first load
        // instead of concluding "not found" from a half-filled cache.
        synchronized (this) {
            if (queried.add(region + "|" + start + "|" + end)) {
                load(region, start, end);
            }
        }
        return Optional.ofNullable(byFingerprint.get(wanted));
    }

    private void load(String region, Instant start, Instant end) throws IOException {
        CloudTrailClient client = clients.computeIfAbsent(region, clientFactory);
        try {
            var pages = client.listPublicKeysPaginator(ListPublicKeysRequest.builder().startTime(start).endTime(end).build());
            for (var key : pages.publicKeyList()) {
                byte[] der = key.value().asByteArray();
                try {
                    RsaPublicKeys.LoadedKey loaded = RsaPublicKeys.fromDer(der);
                    byFingerprint.put(DigestUtils.md5Hex(der), loaded.key());
                    if (key.fingerprint() != null) {
                        byFingerprint.put(key.fingerprint().toLowerCase(), loaded.key());
                    }
                } catch (GeneralSecurityException | RuntimeException e) {
                    // An unreadable key simply stays unavailable; digests signed with it report PUBLIC_KEY.
                }
            }
        } catch (SdkException e) {
            throw new IOException("ListPublicKeys failed in " + region + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "CloudTrail ListPublicKeys (AWS default credential chain)";
    }

    @Override
    public void close() {
        clients.values().forEach(CloudTrailClient::close);
    }
}
