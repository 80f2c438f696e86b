package org.cloudtrailopensearch.loader.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cloudtrailopensearch.digest.LocalPublicKeys;
import org.cloudtrailopensearch.digest.LogFileHash;
import org.cloudtrailopensearch.digest.PublicKeySource;
import org.cloudtrailopensearch.digest.SingleDigestVerifier;
import org.cloudtrailopensearch.digest.VerifiedDigest;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.cloudtrailopensearch.loader.source.LogObject;

/**
 * A generated, signed trail seen the way a queue worker sees it: objects one by one, digests with their user
 * metadata (the local sidecar), log files as {@link LogObject}s. Also used by the {@code it} module's test.
 */
public final class IncrementalTrail {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA_SUFFIX = ".metadata.json";

    private final Path root;

    private IncrementalTrail(Path root) {
        this.root = root;
    }

    /** Writes a small trail (one account and region, 4 hours, 3 log files an hour) into {@code root}. */
    public static IncrementalTrail generate(Path root) throws IOException {
        TrailGenerator.builder().accountIds(List.of("111122223333")).regions(List.of("us-east-1")).hours(4)
                .eventsPerHour(12).logFilesPerHour(3).emptyHourPercent(0).seed(11).threads(1).build().writeTo(root);
        return new IncrementalTrail(root);
    }

    public Path root() {
        return root;
    }

    public PublicKeySource publicKeys() throws IOException {
        return LocalPublicKeys.load(List.of(root.resolve("public-keys.json")));
    }

    /** Digest files, oldest first. */
    public List<Path> digests() throws IOException {
        return files("/CloudTrail-Digest/");
    }

    public List<Path> logs() throws IOException {
        return files("/CloudTrail/");
    }

    /** The log files a digest names, in its order. */
    public List<Path> logsNamedBy(Path digest) throws IOException {
        VerifiedDigest verified = new SingleDigestVerifier(publicKeys()).verify(null, key(digest),
                Files.readAllBytes(digest), metadata(digest));
        return verified.logFiles().stream().map(named -> root.resolve(named.key())).toList();
    }

    public String key(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> metadata(Path digest) throws IOException {
        Path sidecar = sidecar(digest);
        return Files.exists(sidecar) ? JSON.readValue(Files.readAllBytes(sidecar), Map.class) : Map.of();
    }

    public Path sidecar(Path digest) {
        return digest.resolveSibling(digest.getFileName() + METADATA_SUFFIX);
    }

    /** A log object as the local source names it (its path is its {@code log.file.path}). */
    public LogObject logObject(Path log) throws IOException {
        return new LogObject(log.toString(), key(log), Files.size(log),
                Files.getLastModifiedTime(log).toString(), () -> Files.newInputStream(log));
    }

    public static LogFileHash hash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return LogFileHash.of(in);
        }
    }

    public static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    /** Lets {@code integrity} see a digest arrive, as a worker does with an S3 object and its user metadata. */
    public IncrementalIntegrity.DigestArrival arrive(IncrementalIntegrity integrity, Path digest) throws IOException {
        return integrity.digestArrived(null, key(digest), Files.readAllBytes(digest), metadata(digest));
    }

    private List<Path> files(String folder) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().contains(folder))
                    .filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
        }
    }
}
