package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.binary.Hex;

/** SHA-256 over the uncompressed bytes of a gzipped object, streamed (CloudTrail's {@code hashValue}). */
final class LogFileHasher {

    /** Result of hashing one object. */
    record Hashed(String sha256Hex, long uncompressedBytes) {
    }

    private LogFileHasher() {
    }

    static Hashed hash(InputStream gzipped) throws IOException {
        MessageDigest sha256 = newSha256();
        long size = StrictGzipReader.inflate(gzipped, sha256::update);
        return new Hashed(Hex.encodeHexString(sha256.digest()), size);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
