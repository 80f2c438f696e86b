package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where digest-signing public keys come from, for {@code validate} and {@code load --verify-integrity}. */
public final class PublicKeyOptions {

    @Option(names = "--public-keys", paramLabel = "FILE",
            description = "Public key file(s): a ListPublicKeys JSON response, PEM or DER; repeatable. "
                    + "Default: a local trail's public-keys.json, else CloudTrail ListPublicKeys.")
    List<Path> files;

    List<Path> files() {
        return files == null ? List.of() : files;
    }
}
