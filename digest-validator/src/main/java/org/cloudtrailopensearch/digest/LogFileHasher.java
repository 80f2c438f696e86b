package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.binary.Hex;

/** SHA-256 over the uncompressed bytes of a gzipped object, streamed (CloudTrail's {@code hashValue}). */
final class LogFileHasher {

    private LogFileHasher() {
    }

    /**
     * Hashes {@code gzipped}, stopping at the first gzip format problem (full validation has no use for the rest
     * of a broken object; {@link LogFileHash#of} reads on to the end).
     */
    static LogFileHash hash(InputStream gzipped) throws IOException {
        MessageDigest sha256 = newSha256();
        try {
            long size = StrictGzipReader.inflate(gzipped, sha256::update);
            return LogFileHash.computed(Hex.encodeHexString(sha256.digest()), size);
        } catch (GzipFormatException e) {
            return LogFileHash.malformed(e);
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
