package org.cloudtrailopensearch.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Public keys from local files, indexed by fingerprint (MD5 of the DER, lower-case hex). Accepted formats:
 * <ul>
 *   <li>a saved ListPublicKeys response ({@code aws cloudtrail list-public-keys > keys.json}, or the trail
 *       generator's {@code public-keys.json}): {@code {"PublicKeyList":[{"Value": base64 DER, ...}]}};</li>
 *   <li>PEM: {@code -----BEGIN RSA PUBLIC KEY-----} (PKCS#1) or {@code -----BEGIN PUBLIC KEY-----} (X.509 SPKI),
 *       several blocks per file allowed;</li>
 *   <li>raw DER in either form.</li>
 * </ul>
 * Each key is indexed under the MD5 of its PKCS#1 form (CloudTrail's fingerprint) and of its SPKI form.
 */
public final class LocalPublicKeys implements PublicKeySource {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final Map<String, PublicKey> byFingerprint;
    private final String description;

    private LocalPublicKeys(Map<String, PublicKey> byFingerprint, String description) {
        this.byFingerprint = Map.copyOf(byFingerprint);
        this.description = description;
    }

    /** Loads every key in the given files. */
    public static LocalPublicKeys load(List<Path> files) throws IOException {
        Map<String, PublicKey> keys = new HashMap<>();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            List<byte[]> ders = parse(content, file);
            for (byte[] der : ders) {
                try {
                    RsaPublicKeys.LoadedKey loaded = RsaPublicKeys.fromDer(der);
                    keys.put(DigestUtils.md5Hex(loaded.pkcs1()), loaded.key());
                    keys.put(DigestUtils.md5Hex(loaded.spki()), loaded.key());
                } catch (GeneralSecurityException | RuntimeException e) {
                    throw new IOException("not an RSA public key in " + file + ": " + e.getMessage(), e);
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("no public keys found in " + files);
        }
        return new LocalPublicKeys(keys, "local key file(s) " + files);
    }

    /** Keys given as DER bytes (either form); handy for tests and embedding. */
    public static LocalPublicKeys ofDer(List<byte[]> ders) throws GeneralSecurityException {
        Map<String, PublicKey> keys = new HashMap<>();
        for (byte[] der : ders) {
            RsaPublicKeys.LoadedKey loaded = RsaPublicKeys.fromDer(der);
            keys.put(DigestUtils.md5Hex(loaded.pkcs1()), loaded.key());
            keys.put(DigestUtils.md5Hex(loaded.spki()), loaded.key());
        }
        return new LocalPublicKeys(keys, ders.size() + " key(s) given in memory");
    }

    private static List<byte[]> parse(byte[] content, Path file) throws IOException {
        String text = new String(content, StandardCharsets.ISO_8859_1).strip();
        List<byte[]> ders = new ArrayList<>();
        if (text.startsWith("{") || text.startsWith("[")) {
            JsonNode root = new ObjectMapper().readTree(content);
            JsonNode list = root.isArray() ? root : root.path("PublicKeyList");
            for (JsonNode entry : list) {
                String value = entry.path("Value").asText("");
                if (!value.isEmpty()) {
                    ders.add(Base64.getMimeDecoder().decode(value));
                }
            }
            if (ders.isEmpty()) {
                throw new IOException("no PublicKeyList[].Value in " + file);
            }
            return ders;
        }
        if (text.startsWith("-----BEGIN")) {
            Matcher matcher = PEM_BLOCK.matcher(text);
            while (matcher.find()) {
                if (matcher.group(1).endsWith("PUBLIC KEY")) {
                    ders.add(Base64.getMimeDecoder().decode(matcher.group(2).replaceAll("\\s", "")));
                }
            }
            if (ders.isEmpty()) {
                throw new IOException("no PUBLIC KEY PEM block in " + file);
            }
            return ders;
        }
        ders.add(content);
        return ders;
    }

    @Override
    public Optional<PublicKey> find(String fingerprint, String region, Instant from, Instant to) {
        return fingerprint == null ? Optional.empty() : Optional.ofNullable(byFingerprint.get(fingerprint.toLowerCase()));
    }

    @Override
    public String describe() {
        return description;
    }
}
