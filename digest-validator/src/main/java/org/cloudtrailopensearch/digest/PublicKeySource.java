package org.cloudtrailopensearch.digest;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/** Finds the public key that signed a digest, by its {@code digestPublicKeyFingerprint}. */
public interface PublicKeySource {

    /**
     * @param fingerprint lower-case hex MD5 of the key's DER (as in the digest)
     * @param region      region the digest was delivered from (keys are per region)
     * @param from        start of the period the chain's digests cover (hint for ListPublicKeys)
     * @param to          end of that period
     */
    Optional<PublicKey> find(String fingerprint, String region, Instant from, Instant to) throws IOException;

    /** Where keys come from, for reports. */
    String describe();
}
