package org.cloudtrailopensearch.generator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.binary.Hex;

/** Hashes (SHA-256) and counts the uncompressed bytes on their way into the gzip stream. */
final class CountingSha256OutputStream extends FilterOutputStream {

    private final MessageDigest sha256;
    private long count;

    CountingSha256OutputStream(OutputStream out) {
        super(out);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        count += len;
    }

    String hexDigest() {
        return Hex.encodeHexString(sha256.digest());
    }

    long count() {
        return count;
    }
}
