package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Chain-only validation ({@code hashLogFiles(false)}): the digests are checked as always, no log file is opened. */
class ChainOnlyValidationTest extends TrailCopyTest {

    /** A local source that records every object opened. */
    static final class OpenRecordingSource implements TrailSource {
        final LocalTrailSource delegate;
        final Set<String> opened = ConcurrentHashMap.newKeySet();

        OpenRecordingSource(Path root) {
            this.delegate = new LocalTrailSource(root);
        }

        boolean openedAnyLogFile() {
            return opened.stream().anyMatch(key -> key.contains("/CloudTrail/"));
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public String locationOf(String key) {
            return delegate.locationOf(key);
        }

        @Override
        public List<String> listChildren(String prefix) throws IOException {
            return delegate.listChildren(prefix);
        }

        @Override
        public List<ListedObject> listObjects(String prefix) throws IOException {
            return delegate.listObjects(prefix);
        }

        @Override
        public StoredObject open(String key) throws IOException {
            opened.add(key);
            return delegate.open(key);
        }

        @Override
        public Optional<String> keyOf(String s3Bucket, String s3Object) {
            return delegate.keyOf(s3Bucket, s3Object);
        }

        @Override
        public boolean isAt(String key, String s3Bucket, String s3Object) {
            return delegate.isAt(key, s3Bucket, s3Object);
        }

        @Override
        public String expectedLocation(String key) {
            return delegate.expectedLocation(key);
        }
    }

    private ValidationReport validate(boolean hashLogFiles, OpenRecordingSource source) throws IOException {
        return DigestValidator.builder()
                .source(source)
                .publicKeys(LocalPublicKeys.load(List.of(template.resolve("public-keys.json"))))
                .threads(2)
                .hashLogFiles(hashLogFiles)
                .build()
                .validate();
    }

    @Test
    void chainOnlyOpensNoLogFileAndListsEachNamedFileWithItsExpectedHash() throws IOException {
        OpenRecordingSource fullSource = new OpenRecordingSource(trail);
        ValidationReport full = validate(true, fullSource);
        OpenRecordingSource chainSource = new OpenRecordingSource(trail);
        ValidationReport chainOnly = validate(false, chainSource);

        assertTrue(fullSource.openedAnyLogFile());
        assertFalse(chainSource.openedAnyLogFile(), chainSource.opened.toString());
        assertTrue(chainSource.opened.stream().allMatch(key -> key.contains("/CloudTrail-Digest/")));
        assertEquals(generated.digestFiles(), chainSource.opened.size());

        assertFalse(chainOnly.logFilesHashed());
        assertTrue(full.logFilesHashed());
        assertEquals(ValidationReport.Result.VALID, chainOnly.result(), TextReportRenderer.render(chainOnly, false));
        assertEquals(0, chainOnly.exitCode());
        assertEquals(generated.logFiles(), chainOnly.logFiles().size());
        assertEquals(generated.logFiles(), chainOnly.summary().logFilesNotChecked());
        assertEquals(generated.logFiles(), chainOnly.summary().logFilesTotal());
        assertEquals(0, chainOnly.summary().logFilesValid());
        assertEquals(0, chainOnly.summary().uncompressedBytesHashed());
        for (int i = 0; i < full.logFiles().size(); i++) {
            LogFileResult hashed = full.logFiles().get(i);
            LogFileResult named = chainOnly.logFiles().get(i);
            assertEquals(hashed.key(), named.key());
            assertEquals(LogFileStatus.NOT_CHECKED, named.status());
            assertEquals(IntegrityStatus.NOT_VALIDATED, named.integrity());
            assertEquals(hashed.expectedSha256(), named.expectedSha256());
            assertEquals(hashed.digestKeys(), named.digestKeys());
            assertNull(named.actualSha256());
            assertEquals(List.of(), named.failures());
        }
        assertEquals(full.chains(), chainOnly.chains());
    }

    @Test
    void reportsSayTheLogFilesWereNotHashed() throws IOException {
        ValidationReport chainOnly = validate(false, new OpenRecordingSource(trail));
        ValidationReport full = validate(true, new OpenRecordingSource(trail));

        String text = TextReportRenderer.render(chainOnly, false);
        assertTrue(text.contains(generated.logFiles() + " log files named by the digests, not hashed"), text);
        assertFalse(text.contains("Log file\t"), text);
        assertFalse(text.contains("MB of uncompressed log data hashed"), text);
        assertTrue(TextReportRenderer.render(chainOnly, true).contains("\tNOT_CHECKED\n"));
        JsonNode json = TrailFixture.JSON.readTree(JsonReportRenderer.render(chainOnly));
        assertFalse(json.get("logFilesHashed").asBoolean(true));
        assertEquals(generated.logFiles(), json.at("/summary/logFiles/notChecked").asInt());
        assertEquals(generated.logFiles(), json.at("/summary/logFiles/total").asInt());
        assertEquals("NOT_CHECKED", json.at("/logFiles/0/status").asText());

        // The default report keeps its shape.
        JsonNode fullJson = TrailFixture.JSON.readTree(JsonReportRenderer.render(full));
        assertFalse(fullJson.has("logFilesHashed"));
        assertFalse(fullJson.at("/summary/logFiles").has("notChecked"));
        assertTrue(TextReportRenderer.render(full, false).contains("log files valid, 0 INVALID, 0 not found"));
    }

    @Test
    void digestProblemsAndUnreferencedFilesAreFoundWithoutHashing() throws IOException {
        List<Path> digests = TrailFixture.digests(trail);
        Path changed = digests.get(2);
        ObjectNode json = TrailFixture.readDigest(changed);
        ((ObjectNode) json.get("logFiles").get(0)).put("hashValue", "0".repeat(64));
        Files.write(changed, TrailFixture.gzip(TrailFixture.JSON.writeValueAsBytes(json)));
        Path model = TrailFixture.logs(trail).get(6);
        Path injected = model.resolveSibling(model.getFileName().toString()
                .replaceAll("_[A-Za-z0-9]{16}\\.json\\.gz$", "_InjectedByMallor.json.gz"));
        Files.write(injected, TrailFixture.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));
        Files.delete(TrailFixture.logs(trail).get(0));

        ValidationReport full = validate(true, new OpenRecordingSource(trail));
        OpenRecordingSource source = new OpenRecordingSource(trail);
        ValidationReport chainOnly = validate(false, source);

        assertFalse(source.openedAnyLogFile());
        assertEquals(full.chains(), chainOnly.chains());
        assertEquals(1, chainOnly.summary().digestsInvalid());
        assertEquals(1, chainOnly.summary().chainBreaks());
        String injectedKey = TrailFixture.key(trail, injected);
        assertEquals(IntegrityStatus.NOT_IN_ANY_DIGEST, chainOnly.integrity().statusOf(injectedKey));
        assertEquals(full.integrity().resultOf(injectedKey), chainOnly.integrity().resultOf(injectedKey));
        assertEquals(1, chainOnly.summary().logFilesUnreferenced());
        assertEquals(0, chainOnly.summary().logFilesNotFound(), "a deleted log is not noticed without opening it");
        assertEquals(ValidationReport.Result.INVALID, chainOnly.result());
        assertEquals(1, chainOnly.exitCode());
    }
}
