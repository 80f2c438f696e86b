package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.at;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.mapOk;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.record;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** One case per event family: console logins, digests, insights, TLS, payloads, source shapes, errors, data events. */
class EventFamilyTest {

    private static final String IAM_USER = "{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"arn\":\"arn:aws:iam::111122223333:user/alice\","
            + "\"accountId\":\"111122223333\",\"userName\":\"alice\"}";

    @Test
    void consoleLoginFailure() {
        ObjectNode doc = mapOk("{\"eventVersion\":\"1.05\",\"userIdentity\":" + IAM_USER + ",\"eventTime\":\"2014-07-08T17:35:27Z\","
                + "\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-2\","
                + "\"sourceIPAddress\":\"89.160.20.156\",\"userAgent\":\"Mozilla/5.0 (Windows NT 6.1; WOW64; rv:24.0) Gecko/20100101 Firefox/24.0\","
                + "\"errorMessage\":\"Failed authentication\",\"requestParameters\":null,\"responseElements\":{\"ConsoleLogin\":\"Failure\"},"
                + "\"additionalEventData\":{\"MobileVersion\":\"No\",\"LoginTo\":\"https://console.aws.amazon.com/sns\",\"MFAUsed\":\"Yes\"},"
                + "\"eventID\":\"11ea990b\",\"eventType\":\"AwsConsoleSignIn\",\"recipientAccountId\":\"111122223333\"}");
        assertEquals("failure", text(doc, "event.outcome"));
        assertEquals("[\"authentication\"]", at(doc, "event.category").toString());
        assertEquals("false", text(doc, "aws.cloudtrail.console_login.additional_eventdata.mobile_version"));
        assertEquals("true", text(doc, "aws.cloudtrail.console_login.additional_eventdata.mfa_used"));
        assertEquals("https://console.aws.amazon.com/sns", text(doc, "aws.cloudtrail.console_login.additional_eventdata.login_to"));
        // HashMap order, not input order: this is the string Elastic stores.
        assertEquals("{LoginTo=https://console.aws.amazon.com/sns, MobileVersion=No, MFAUsed=Yes}",
                text(doc, "aws.cloudtrail.additional_eventdata"));
        assertEquals("SE", text(doc, "source.geo.country_iso_code"));
        assertEquals("Firefox", text(doc, "user_agent.name"));
        assertEquals("Windows", text(doc, "user_agent.os.name"));
    }

    @Test
    void digestRecord() {
        ObjectNode doc = mapOk("{\"awsAccountId\":\"123456789123\",\"digestStartTime\":\"2020-09-11T18:36:49Z\","
                + "\"digestEndTime\":\"2020-09-11T19:36:49Z\",\"digestS3Bucket\":\"b\",\"digestS3Object\":\"AWSLogs/d.json.gz\","
                + "\"digestPublicKeyFingerprint\":\"47aa\",\"digestSignatureAlgorithm\":\"SHA256withRSA\","
                + "\"newestEventTime\":\"2020-09-11T19:26:24Z\",\"oldestEventTime\":\"2020-09-11T18:32:04Z\","
                + "\"previousDigestS3Bucket\":\"b\",\"previousDigestS3Object\":\"AWSLogs/p.json.gz\",\"previousDigestHashValue\":\"5319\","
                + "\"previousDigestHashAlgorithm\":\"SHA-256\",\"previousDigestSignature\":\"10e0\","
                + "\"logFiles\":[{\"s3Bucket\":\"b\",\"s3Object\":\"AWSLogs/x.json.gz\",\"hashValue\":\"4207\",\"hashAlgorithm\":\"SHA-256\"}]}");
        assertEquals("2020-09-11T19:36:49.000Z", text(doc, "@timestamp"));
        assertEquals("AWSLogs/d.json.gz", text(doc, "file.path"));
        assertEquals("123456789123", text(doc, "cloud.account.id"));
        assertEquals("5319", text(doc, "aws.cloudtrail.flattened.digest.previous_hash_value"));
        assertEquals("47aa", text(doc, "aws.cloudtrail.flattened.digest.public_key_fingerprint"));
        assertEquals("2020-09-11T18:36:49.000Z", text(doc, "aws.cloudtrail.flattened.digest.start_time"));
        assertEquals("AWSLogs/x.json.gz", text(doc, "aws.cloudtrail.flattened.digest.log_files.0.s3Object"));
        assertEquals("[\"5319\"]", at(doc, "related.hash").toString());
    }

    @Test
    void insightRecord() {
        ObjectNode doc = mapOk("{\"eventVersion\":\"1.07\",\"eventTime\":\"2020-09-09T23:00:00Z\",\"awsRegion\":\"us-east-1\","
                + "\"eventID\":\"41ed\",\"eventType\":\"AwsCloudTrailInsight\",\"recipientAccountId\":\"123456789012\","
                + "\"sharedEventID\":\"e672\",\"insightDetails\":{\"state\":\"Start\",\"eventName\":\"AttachUserPolicy\","
                + "\"insightType\":\"ApiCallRateInsight\"},\"eventCategory\":\"Insight\"}");
        assertEquals("ApiCallRateInsight", text(doc, "aws.cloudtrail.flattened.insight_details.insightType"));
        assertEquals("e672", text(doc, "aws.cloudtrail.shared_event_id"));
        assertEquals("Insight", text(doc, "aws.cloudtrail.event_category"));
    }

    @Test
    void tlsDetailsAreSplitAndPlaceholdersDropped() {
        ObjectNode real = mapOk(record(IAM_USER, "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.2\",\"cipherSuite\":\"ECDHE-RSA-AES128-GCM-SHA256\","
                + "\"clientProvidedHostHeader\":\"grafana.corp.example\",\"keyExchange\":\"x25519\"}"));
        assertEquals("tls", text(real, "tls.version_protocol"));
        assertEquals("1.2", text(real, "tls.version"));
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", text(real, "tls.cipher"));
        assertEquals("grafana.corp.example", text(real, "tls.client.server_name"));
        assertEquals("x25519", text(real, "aws.cloudtrail.tls_details.key_exchange"));
        assertTrue(at(real, "related.hosts").toString().contains("grafana.corp.example"));
        ObjectNode placeholder = mapOk(record(IAM_USER, "\"tlsDetails\":{\"tlsVersion\":\"tlsVersion\",\"cipherSuite\":\"cipherSuite\"}"));
        assertTrue(at(placeholder, "tls").isMissingNode());
    }

    @Test
    void sourceAddressShapes() {
        ObjectNode service = mapOk(record(IAM_USER, "").replace("\"10.1.2.3\"", "\"ec2.amazonaws.com\""));
        assertEquals("ec2.amazonaws.com", text(service, "source.address"));
        assertTrue(at(service, "source.ip").isMissingNode());
        assertTrue(at(service, "related.hosts").isMissingNode());
        ObjectNode internal = mapOk(record(IAM_USER, "").replace("\"10.1.2.3\"", "\"AWS Internal\""));
        assertTrue(at(internal, "source.ip").isMissingNode());
        ObjectNode list = mapOk(record(IAM_USER, "").replace("\"10.1.2.3\"", "\"81.2.69.142, 192.168.10.10\""));
        assertTrue(at(list, "source.ip").isMissingNode());
        ObjectNode v6 = mapOk(record(IAM_USER, "").replace("\"10.1.2.3\"", "\"2001:db8::1\""));
        assertEquals("2001:db8::1", text(v6, "source.ip"));
        assertEquals("[\"2001:db8::1\"]", at(v6, "related.ip").toString());
        ObjectNode host = mapOk(record(IAM_USER, "").replace("\"10.1.2.3\"", "\"build-01.corp.example\""));
        assertEquals("[\"build-01.corp.example\"]", at(host, "related.hosts").toString());
        ObjectNode geo = mapOk(record(IAM_USER, "").replace("\"10.1.2.3\"", "\"81.2.69.142\""));
        assertEquals("GB", text(geo, "source.geo.country_iso_code"));
        assertTrue(at(geo, "source.as.number").isNumber());
    }

    @Test
    void errorsMakeFailures() {
        ObjectNode doc = mapOk(record(IAM_USER, "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"User is not authorized\""));
        assertEquals("failure", text(doc, "event.outcome"));
        assertEquals("AccessDenied", text(doc, "aws.cloudtrail.error_code"));
        assertEquals("User is not authorized", text(doc, "aws.cloudtrail.error_message"));
    }

    @Test
    void payloadsAreCleanedAndLargeOnesNotFlattened() {
        ObjectNode doc = mapOk(record(IAM_USER, "\"requestParameters\":{\"a\":\"\",\"b\":\"-\",\"c\":null,\"d\":[],\"e\":{},\"f\":1,\"g\":true}"));
        assertEquals("{f=1, g=true}", text(doc, "aws.cloudtrail.request_parameters"));
        assertEquals("{\"f\":1,\"g\":true}", at(doc, "aws.cloudtrail.flattened.request_parameters").toString());
        String big = "x".repeat(PayloadFields.FLATTENED_LIMIT);
        ObjectNode large = mapOk(record(IAM_USER, "\"requestParameters\":{\"policy\":\"" + big + "\"}"));
        assertEquals("{policy=" + big + "}", text(large, "aws.cloudtrail.request_parameters"));
        assertTrue(at(large, "aws.cloudtrail.flattened.request_parameters").isMissingNode());
    }

    @Test
    void retentionModes() {
        String json = record(IAM_USER, "\"requestParameters\":{\"policyArn\":\"arn:aws:iam::aws:policy/X\",\"userName\":\"bob\"}");
        ObjectNode keyword = mapOk(CloudTrailMapper.builder().geoIp(false).payloadRetention(PayloadRetention.KEYWORD).build(), json);
        assertFalse(at(keyword, "aws.cloudtrail").has("flattened"));
        ObjectNode minimal = mapOk(CloudTrailMapper.builder().geoIp(false).payloadRetention(PayloadRetention.MINIMAL).build(), json);
        assertEquals("{\"policyArn\":\"arn:aws:iam::aws:policy/X\"}", at(minimal, "aws.cloudtrail.flattened.request_parameters").toString());
        ObjectNode none = mapOk(CloudTrailMapper.builder().geoIp(false).payloadRetention(PayloadRetention.NONE).build(), json);
        assertFalse(at(none, "aws.cloudtrail").has("request_parameters"));
        assertEquals("bob", text(none, "user.target.name")); // the payload still feeds other fields
    }

    @Test
    void dataEventWithResourcesAndGroups() {
        ObjectNode doc = mapOk(record(IAM_USER, "\"eventCategory\":\"Data\",\"readOnly\":false,\"managementEvent\":false,"
                + "\"resources\":[{\"ARN\":\"arn:aws:s3:::bucket/key\",\"type\":\"AWS::S3::Object\"},"
                + "{\"ARN\":\"arn:aws:s3:::bucket\",\"accountId\":\"111122223333\",\"type\":\"AWS::S3::Bucket\"},"
                + "{\"ARN\":\"arn:aws:s3:::bucket\",\"accountId\":\"111122223333\",\"type\":\"AWS::S3::Bucket\"}],"
                + "\"requestParameters\":{\"groupName\":\"admins\",\"bucketName\":\"bucket\"},\"responseElements\":{\"group\":{\"groupId\":\"AGPA1\"}}")
                .replace("ListBuckets", "PutObject"));
        assertEquals(2, at(doc, "aws.cloudtrail.resources").size());
        assertEquals("false", text(doc, "aws.cloudtrail.read_only"));
        assertEquals("false", text(doc, "aws.cloudtrail.management_event"));
        assertEquals("admins", text(doc, "group.name"));
        assertEquals("AGPA1", text(doc, "group.id"));
        assertEquals("[\"file\"]", at(doc, "event.category").toString());
        assertTrue(at(doc, "service.target.entity.id").toString().contains("arn:aws:s3:::bucket"));
    }

    @Test
    void derivedCategoriesForNamesOutsideTheTable() {
        ObjectNode doc = mapOk(record(IAM_USER, "").replace("s3.amazonaws.com", "kms.amazonaws.com").replace("ListBuckets", "ScheduleKeyDeletion"));
        assertEquals("[\"configuration\"]", at(doc, "event.category").toString());
        assertEquals("[\"change\"]", at(doc, "event.type").toString());
        ObjectNode ec2 = mapOk(record(IAM_USER, "").replace("s3.amazonaws.com", "ec2.amazonaws.com").replace("ListBuckets", "CreateSecurityGroup"));
        assertEquals("[\"network\"]", at(ec2, "event.category").toString());
        assertEquals("[\"creation\"]", at(ec2, "event.type").toString());
    }
}
