package org.cloudtrailopensearch.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cloudtrailopensearch.generator.GenerationSummary;
import org.cloudtrailopensearch.generator.SigningKeys;
import org.cloudtrailopensearch.generator.TrailGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ListPublicKeysRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListPublicKeysResponse;
import software.amazon.awssdk.services.cloudtrail.model.PublicKey;

/** The ListPublicKeys path, against a stand-in CloudTrail client (there is no in-process CloudTrail). */
class CloudTrailPublicKeysTest {

    /** Answers ListPublicKeys with the generator's key for its region, in two pages, recording the windows asked. */
    private static final class FakeCloudTrail implements CloudTrailClient {
        final String region;
        final SigningKeys keys;
        final List<ListPublicKeysRequest> requests;

        FakeCloudTrail(String region, SigningKeys keys, List<ListPublicKeysRequest> requests) {
            this.region = region;
            this.keys = keys;
            this.requests = requests;
        }

        @Override
        public ListPublicKeysResponse listPublicKeys(ListPublicKeysRequest request) {
            requests.add(request);
            if (request.nextToken() == null) {
                return ListPublicKeysResponse.builder().publicKeyList(List.of()).nextToken("page-2").build();
            }
            PublicKey key = PublicKey.builder()
                    .value(SdkBytes.fromByteArray(keys.publicKeyPkcs1(region)))
                    .fingerprint(keys.fingerprint(region))
                    .validityStartTime(request.startTime())
                    .validityEndTime(request.endTime())
                    .build();
            return ListPublicKeysResponse.builder().publicKeyList(key).build();
        }

        @Override
        public String serviceName() {
            return "cloudtrail";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void keysComeFromListPublicKeysPerRegionWithTheWidenedWindow(@TempDir Path trail) throws IOException {
        TrailGenerator generator = TrailGenerator.builder().accounts(2).regions(List.of("us-east-1", "eu-west-1"))
                .hours(3).eventsPerHour(20).logFilesPerHour(2).seed(5).build();
        GenerationSummary generated = generator.writeTo(trail);
        SigningKeys keys = generator.signingKeys();
        List<ListPublicKeysRequest> requests = new CopyOnWriteArrayList<>();

        ValidationReport report;
        try (LocalTrailSource source = new LocalTrailSource(trail);
             CloudTrailPublicKeys publicKeys = new CloudTrailPublicKeys(region -> new FakeCloudTrail(region, keys, requests))) {
            report = DigestValidator.builder().source(source).publicKeys(publicKeys).build().validate();
        }

        assertEquals(ValidationReport.Result.VALID, report.result(), TextReportRenderer.render(report, false));
        assertEquals(generated.digestFiles(), report.summary().digestsValid());
        assertTrue(requests.stream().anyMatch(r -> "page-2".equals(r.nextToken())), "paginates");
        // Each chain asks for [its oldest digest - 2 h, its newest digest + 2 h]; the newest chain ends the run.
        Instant latestEnd = requests.stream().map(ListPublicKeysRequest::endTime).max(Instant::compareTo).orElseThrow();
        assertEquals(generated.end().plus(Duration.ofHours(2)), latestEnd);
        assertTrue(requests.stream().allMatch(r -> !r.startTime().isAfter(generated.start())));
        assertTrue(requests.size() <= 2 * 4, "one query (two pages) per region window, not per digest: " + requests.size());
    }
}
