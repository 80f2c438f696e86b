package org.cloudtrailopensearch.loader.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three shapes an S3 event notification reaches a queue in, as AWS documents them (case files in
 * {@code src/test/resources/notifications/}), with CloudTrail keys in place of the documentation's examples.
 */
class NotificationParserTest {

    @Test
    void readsANotificationSentStraightFromS3AndDecodesItsKey() throws IOException {
        Notification.ObjectsCreated created = assertInstanceOf(Notification.ObjectsCreated.class,
                NotificationParser.parse(caseFile("s3-direct-put.json")));

        assertEquals(List.of(new NotifiedObject("my-trail-bucket",
                "org trail/AWSLogs/111122223333/CloudTrail/us-west-2/2026/01/05/"
                        + "111122223333_CloudTrail_us-west-2_20260105T1015Z_abcdEFGH1234ijkl.json.gz",
                2315, "d41d8cd98f00b204e9800998ecf8427e")), created.objects());
        assertEquals(List.of(), created.ignored());
        assertEquals("AWSLogs/111122223333/CloudTrail/us-west-2/2026/01/05/"
                        + "111122223333_CloudTrail_us-west-2_20260105T1015Z_abcdEFGH1234ijkl.json.gz",
                CloudTrailKeys.layoutKey(created.objects().get(0).key()), "the key from AWSLogs/ on, for integrity");
    }

    @Test
    void unwrapsANotificationDeliveredThroughSns() throws IOException {
        Notification.ObjectsCreated created = assertInstanceOf(Notification.ObjectsCreated.class,
                NotificationParser.parse(caseFile("sns-wrapped-digest.json")));

        assertEquals(1, created.objects().size());
        NotifiedObject digest = created.objects().get(0);
        assertEquals("s3://my-trail-bucket/AWSLogs/o-exampleorgid1/111122223333/CloudTrail-Digest/us-west-2/2026/01/05/"
                + "111122223333_CloudTrail-Digest_us-west-2_management_us-west-2_20260105T101500Z.json.gz", digest.uri());
        assertEquals(812, digest.size());
        assertEquals("9b2cf535f27731c974343645a3985328", digest.eTag());
    }

    @Test
    void readsAnEventBridgeObjectCreatedEvent() throws IOException {
        Notification.ObjectsCreated created = assertInstanceOf(Notification.ObjectsCreated.class,
                NotificationParser.parse(caseFile("eventbridge-object-created.json")));

        assertEquals(List.of(new NotifiedObject("my-trail-bucket",
                "AWSLogs/111122223333/CloudTrail-Insight/us-west-2/2026/01/05/"
                        + "111122223333_CloudTrail-Insight_us-west-2_20260105T1015Z_Xz9yQ1w2e3r4t5y6.json.gz",
                5, "b1946ac92492d2347c6235b4d2611184")), created.objects());
    }

    @Test
    void recognisesS3sTestEvent() throws IOException {
        assertInstanceOf(Notification.TestEvent.class, NotificationParser.parse(caseFile("s3-test-event.json")));
    }

    @Test
    void loadsOnlyCreatedCloudTrailObjectsAndGivesAReasonForEveryOtherEvent() throws IOException {
        Notification.ObjectsCreated created = assertInstanceOf(Notification.ObjectsCreated.class,
                NotificationParser.parse(caseFile("s3-direct-mixed.json")));

        assertEquals(1, created.objects().size());
        assertTrue(created.objects().get(0).key().endsWith("_abcdEFGH1234ijkl.json.gz"));
        assertEquals(List.of(NotificationParser.NOT_OBJECT_CREATED, CloudTrailKeys.NOT_CLOUDTRAIL_KEY,
                "DIGEST_SIGNATURE_SIDECAR"), created.ignored());
    }

    @Test
    void anythingElseIsUnparseableWithTheProblemNamed() throws IOException {
        Notification.Unparseable text = assertInstanceOf(Notification.Unparseable.class,
                NotificationParser.parse(caseFile("not-a-notification.txt")));
        assertTrue(text.problem().startsWith("not JSON"), text.problem());

        Notification.Unparseable otherJson = assertInstanceOf(Notification.Unparseable.class,
                NotificationParser.parse("{\"orderId\": 42}"));
        assertTrue(otherJson.problem().contains("neither"), otherJson.problem());

        Notification.Unparseable otherSource = assertInstanceOf(Notification.Unparseable.class,
                NotificationParser.parse("{\"detail-type\":\"EC2 Instance State-change Notification\","
                        + "\"source\":\"aws.ec2\",\"detail\":{}}"));
        assertTrue(otherSource.problem().contains("aws.ec2"), otherSource.problem());
    }

    @Test
    void keysOutsideCloudTrailsLayoutAreNotLoaded() {
        assertEquals(CloudTrailKeys.NOT_CLOUDTRAIL_KEY, CloudTrailKeys.ignoreReason("AWSLogs/notes.json.gz", 10));
        assertEquals(CloudTrailKeys.NOT_CLOUDTRAIL_KEY, CloudTrailKeys.ignoreReason(
                "AWSLogs/111122223333/Config/us-east-1/2026/01/05/ConfigSnapshot/x.json.gz", 10));
        assertEquals("EMPTY_OBJECT", CloudTrailKeys.ignoreReason(
                "AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz", 0));
        assertEquals(null, CloudTrailKeys.ignoreReason(
                "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/a.json.gz", -1));
    }

    private static String caseFile(String name) throws IOException {
        try (InputStream in = NotificationParserTest.class.getResourceAsStream("/notifications/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
