package org.cloudtrailopensearch.digest;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Loads RSA public keys from DER in either form CloudTrail users meet: bare PKCS#1 {@code RSAPublicKey}
 * (what ListPublicKeys returns) or X.509 {@code SubjectPublicKeyInfo}. The JDK only reads the latter, so a
 * PKCS#1 key is wrapped in the standard SubjectPublicKeyInfo header first; no Bouncy Castle needed.
 */
final class RsaPublicKeys {

    /** AlgorithmIdentifier SEQUENCE { OID 1.2.840.113549.1.1.1 rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private RsaPublicKeys() {
    }

    /** A parsed key plus both DER encodings (fingerprints may be taken over either). */
    record LoadedKey(PublicKey key, byte[] pkcs1, byte[] spki) {
    }

    static LoadedKey fromDer(byte[] der) throws GeneralSecurityException {
        if (isSubjectPublicKeyInfo(der)) {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return new LoadedKey(key, extractPkcs1(der), der.clone());
        }
        byte[] spki = wrapPkcs1(der);
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        return new LoadedKey(key, der.clone(), spki);
    }

    /** SPKI starts SEQUENCE { SEQUENCE { OID ... } ... }; PKCS#1 starts SEQUENCE { INTEGER modulus ... }. */
    private static boolean isSubjectPublicKeyInfo(byte[] der) {
        if (der.length < 4 || der[0] != 0x30) {
            return false;
        }
        int contentStart = contentOffset(der, 0);
        return contentStart < der.length && der[contentStart] == 0x30;
    }

    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream bitString = new ByteArrayOutputStream(pkcs1.length + 1);
        bitString.write(0); // no unused bits
        bitString.writeBytes(pkcs1);
        byte[] bitStringTlv = tlv(0x03, bitString.toByteArray());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        body.writeBytes(bitStringTlv);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] extractPkcs1(byte[] spki) {
        int algorithmAt = contentOffset(spki, 0);
        int bitStringAt = contentOffset(spki, algorithmAt) + contentLength(spki, algorithmAt);
        int contentStart = contentOffset(spki, bitStringAt) + 1; // skip the unused-bits byte
        return Arrays.copyOfRange(spki, contentStart, contentOffset(spki, bitStringAt) + contentLength(spki, bitStringAt));
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static int contentOffset(byte[] der, int at) {
        int lengthByte = der[at + 1] & 0xff;
        return lengthByte < 0x80 ? at + 2 : at + 2 + (lengthByte & 0x7f);
    }

    private static int contentLength(byte[] der, int at) {
        int lengthByte = der[at + 1] & 0xff;
        if (lengthByte < 0x80) {
            return lengthByte;
        }
        int length = 0;
        for (int i = 0; i < (lengthByte & 0x7f); i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return length;
    }
}
