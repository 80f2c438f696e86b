package org.cloudtrailopensearch.loader.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.cloudtrailopensearch.digest.CloudTrailPublicKeys;
import org.cloudtrailopensearch.digest.DigestValidator;
import org.cloudtrailopensearch.digest.LocalPublicKeys;
import org.cloudtrailopensearch.digest.LocalTrailSource;
import org.cloudtrailopensearch.digest.PublicKeySource;
import org.cloudtrailopensearch.digest.S3TrailSource;
import org.cloudtrailopensearch.digest.TrailSource;
import org.cloudtrailopensearch.digest.ValidationReport;
import org.cloudtrailopensearch.loader.source.S3Location;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the digest validator over what a CLI argument names (a folder or {@code s3://bucket/prefix}), with
 * the public keys chosen the same way for every command: key files given by the user first; for a local
 * folder, its own {@code public-keys.json} (with a warning: keys stored beside the data prove consistency,
 * not authenticity); otherwise CloudTrail's {@code ListPublicKeys} with the AWS default credential chain.
 */
public final class TrailValidation {

    private final List<Path> publicKeyFiles;
    private final PrintStream warnings;

    public TrailValidation(List<Path> publicKeyFiles, PrintStream warnings) {
        this.publicKeyFiles = publicKeyFiles == null ? List.of() : List.copyOf(publicKeyFiles);
        this.warnings = Objects.requireNonNull(warnings);
    }

    /**
     * The folder or prefix above {@code AWSLogs/}, where the validator expects to start, also when the user
     * named a part of the trail ({@code .../AWSLogs/123456789012/}) to load only that part.
     */
    static String trailRoot(String pathOrPrefix) {
        String slashed = pathOrPrefix.replace('\\', '/');
        int at = (slashed.endsWith("/") ? slashed : slashed + "/").indexOf("AWSLogs/");
        if (at == 0) {
            return "";
        }
        if (at > 0 && slashed.charAt(at - 1) == '/') {
            return slashed.substring(0, at);
        }
        return pathOrPrefix;
    }

    /**
     * @param s3        a client for {@code s3://} sources; may be null for folders
     * @param configure filters and threads for the validator (identity when none)
     * @throws IOException when validation cannot run (no such folder, keys unavailable, listing fails)
     */
    public ValidationReport validate(String source, S3Client s3, UnaryOperator<DigestValidator.Builder> configure)
            throws IOException {
        TrailSource trail;
        Path folder = null;
        if (S3Location.isS3(source)) {
            S3Location location = S3Location.parse(source);
            trail = new S3TrailSource(Objects.requireNonNull(s3, "an S3 client is needed for " + source),
                    location.bucket(), trailRoot(location.prefix()));
        } else {
            folder = Path.of(trailRoot(Path.of(source).toAbsolutePath().normalize().toString()));
            if (!Files.isDirectory(folder)) {
                throw new IOException("not a folder: " + folder);
            }
            trail = new LocalTrailSource(folder);
        }
        PublicKeySource keys = publicKeys(folder);
        try {
            return configure.apply(DigestValidator.builder().source(trail).publicKeys(keys)).build().validate();
        } finally {
            if (keys instanceof CloudTrailPublicKeys cloudTrailKeys) {
                cloudTrailKeys.close();
            }
        }
    }

    /**
     * The public keys for a trail: key files given by the user first; for a local folder, its own
     * {@code public-keys.json} (with a warning); otherwise CloudTrail's {@code ListPublicKeys} (a
     * {@link CloudTrailPublicKeys} the caller closes). Queue mode, which reads no folder, passes null.
     */
    public PublicKeySource publicKeys(Path trailFolder) throws IOException {
        Path besideTrail = trailFolder == null ? null : trailFolder.resolve("public-keys.json");
        if (!publicKeyFiles.isEmpty()) {
            return LocalPublicKeys.load(publicKeyFiles);
        }
        if (besideTrail != null && Files.isRegularFile(besideTrail)) {
            warnings.println("using " + besideTrail + " - keys stored next to the data prove consistency, "
                    + "not authenticity; pass --public-keys with a trusted copy (e.g. saved from aws cloudtrail list-public-keys)");
            return LocalPublicKeys.load(List.of(besideTrail));
        }
        return new CloudTrailPublicKeys();
    }
}
