package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * One RSA-2048 signing key per region, as CloudTrail signs each region's digests with that region's key.
 *
 * <p>Keys derive from the generator seed (SHA1PRNG seeded before first use is deterministic), so tests can
 * recreate the private key of a trail to re-sign a tampered digest.
 */
public final class SigningKeys {

    /** The only algorithm CloudTrail uses for digests. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private final Map<String, KeyPair> keysByRegion;
    private final Map<String, byte[]> pkcs1ByRegion;

    private SigningKeys(Map<String, KeyPair> keysByRegion) {
        this.keysByRegion = keysByRegion;
        this.pkcs1ByRegion = new LinkedHashMap<>();
        keysByRegion.forEach((region, pair) -> pkcs1ByRegion.put(region, toPkcs1(pair.getPublic().getEncoded())));
    }

    /** Derives a key per region from {@code seed}; the same seed and region always give the same key. */
    public static SigningKeys derive(long seed, Collection<String> regions) {
        Map<String, KeyPair> keys = new LinkedHashMap<>();
        for (String region : regions) {
            keys.put(region, generate(seed + "/" + region));
        }
        return new SigningKeys(keys);
    }

    private static KeyPair generate(String seedMaterial) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seedMaterial.getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The key pair used for digests delivered from {@code region}. */
    public KeyPair keyPair(String region) {
        KeyPair pair = keysByRegion.get(region);
        if (pair == null) {
            throw new IllegalArgumentException("no signing key for region " + region);
        }
        return pair;
    }

    /** DER of the bare PKCS#1 RSAPublicKey, the form ListPublicKeys returns in {@code Value}. */
    public byte[] publicKeyPkcs1(String region) {
        keyPair(region);
        return pkcs1ByRegion.get(region).clone();
    }

    /** Lower-case hex MD5 of the PKCS#1 DER, as in {@code digestPublicKeyFingerprint}. */
    public String fingerprint(String region) {
        return DigestUtils.md5Hex(publicKeyPkcs1(region));
    }

    /** Signs {@code data} with SHA256withRSA and returns the lower-case hex signature. */
    public String signHex(String region, byte[] data) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(keyPair(region).getPrivate());
            signature.update(data);
            return Hex.encodeHexString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a digest", e);
        }
    }

    /** The keys as a ListPublicKeys response: {@code {"PublicKeyList":[{Value, ValidityStartTime, ...}]}}. */
    public byte[] toListPublicKeysJson(Instant validFrom, Instant validTo) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("PublicKeyList");
        for (String region : keysByRegion.keySet()) {
            ObjectNode key = list.addObject();
            key.put("Value", Base64.getEncoder().encodeToString(pkcs1ByRegion.get(region)));
            key.put("ValidityStartTime", validFrom.toString());
            key.put("ValidityEndTime", validTo.toString());
            key.put("Fingerprint", fingerprint(region));
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Extracts the PKCS#1 RSAPublicKey from the JDK's X.509 SubjectPublicKeyInfo encoding: the key is the
     * content of the BIT STRING that follows the AlgorithmIdentifier (after its "unused bits" byte).
     */
    static byte[] toPkcs1(byte[] spki) {
        int[] outer = readHeader(spki, 0);               // SEQUENCE SubjectPublicKeyInfo
        int[] algorithm = readHeader(spki, outer[0]);    // SEQUENCE AlgorithmIdentifier
        int bitStringAt = algorithm[0] + algorithm[1];
        int[] bitString = readHeader(spki, bitStringAt); // BIT STRING
        int contentStart = bitString[0] + 1;             // skip the unused-bits byte
        return Arrays.copyOfRange(spki, contentStart, bitString[0] + bitString[1]);
    }

    /** Returns {offset of content, content length} of the DER element starting at {@code at}. */
    private static int[] readHeader(byte[] der, int at) {
        int lengthByte = der[at + 1] & 0xff;
        if (lengthByte < 0x80) {
            return new int[] {at + 2, lengthByte};
        }
        int count = lengthByte & 0x7f;
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return new int[] {at + 2 + count, length};
    }
}
