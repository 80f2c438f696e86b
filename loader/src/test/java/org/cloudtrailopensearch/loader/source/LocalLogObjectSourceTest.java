package org.cloudtrailopensearch.loader.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLogObjectSourceTest {

    @TempDir
    Path trail;

    private Path write(String relative, String content) throws IOException {
        Path file = trail.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static String log(String account, String region, String day) {
        return "AWSLogs/" + account + "/CloudTrail/" + region + "/" + day + "/" + account + "_CloudTrail_" + region
                + "_" + day.replace("/", "") + "T0000Z_x.json.gz";
    }

    @Test
    void filesThatHoldNoRecordsAreListedAsSkippedWithTheirReason() throws IOException {
        write(log("111111111111", "us-east-1", "2026/01/05"), "{\"Records\":[]}");
        write("AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/01/05/d.json.gz.metadata.json", "{}");
        write("public-keys.json", "{}");
        write("notes.txt", "hello");
        write("AWSLogs/111111111111/CloudTrail/us-east-1/2026/01/05/empty.json.gz", "");

        Listing listing = new LocalLogObjectSource(trail).list();

        assertEquals(List.of(log("111111111111", "us-east-1", "2026/01/05")),
                listing.objects().stream().map(LogObject::key).toList());
        assertEquals(List.of("DIGEST_SIGNATURE_SIDECAR", "EMPTY_OBJECT", "NOT_A_LOG_FILE", "PUBLIC_KEYS"),
                listing.skipped().stream().map(Listing.SkippedObject::reason).toList());
    }

    @Test
    void theFiltersWalkOnlyTheMatchingFolders() throws IOException {
        write(log("111111111111", "us-east-1", "2026/01/05"), "{\"Records\":[]}");
        write(log("111111111111", "us-east-1", "2026/01/06"), "{\"Records\":[]}");
        write(log("111111111111", "eu-west-1", "2026/01/05"), "{\"Records\":[]}");
        write(log("222222222222", "us-east-1", "2026/01/05"), "{\"Records\":[]}");
        // a file the walk would skip with a reason: outside the selection it is not even seen
        write("AWSLogs/222222222222/CloudTrail/us-east-1/2026/01/05/notes.txt", "x");

        KeyLayoutFilter filter = KeyLayoutFilter.builder().accounts(List.of("111111111111"))
                .regions(List.of("us-east-1")).to(LocalDate.of(2026, 1, 5)).build();
        Listing listing = new LocalLogObjectSource(trail.resolve("AWSLogs"), filter).list();

        assertEquals(List.of("111111111111/CloudTrail/us-east-1/2026/01/05/111111111111_CloudTrail_us-east-1_20260105T0000Z_x.json.gz"),
                listing.objects().stream().map(LogObject::key).toList());
        assertEquals(List.of(), listing.skipped());
    }

    @Test
    void aLocalFileCarriesItsModificationTimeAsVersion() throws IOException {
        Path file = write(log("111111111111", "us-east-1", "2026/01/05"), "{\"Records\":[]}");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        LogObject object = new LocalLogObjectSource(trail).list().objects().get(0);
        assertEquals("2023-11-14T22:13:20Z", object.version());
        assertEquals(14, object.size());
    }
}
