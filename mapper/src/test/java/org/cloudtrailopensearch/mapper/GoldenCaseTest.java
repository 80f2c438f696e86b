package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.JSON;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.at;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.mapOk;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The golden case of issue #3 (Elastic's published UpdateUser example), field by field. */
class GoldenCaseTest {

    static final String INPUT = "{\"eventVersion\":\"1.05\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"EX_PRINCIPAL_ID\","
            + "\"arn\":\"arn:aws:iam::123456789012:user/Alice\",\"accountId\":\"123456789012\",\"accessKeyId\":\"EXAMPLE_KEY_ID\","
            + "\"userName\":\"Alice\"},\"eventTime\":\"2020-01-08T20:53:12Z\",\"eventSource\":\"iam.amazonaws.com\","
            + "\"eventName\":\"UpdateUser\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"127.0.0.1\","
            + "\"userAgent\":\"aws-cli/1.16.310 Python/3.8.1 Darwin/18.7.0 botocore/1.13.46\","
            + "\"requestParameters\":{\"userName\":\"Bob\",\"newUserName\":\"Robert\"},\"responseElements\":null,"
            + "\"requestID\":\"3a6b3260-739d-465e-9406-bcEXAMPLE\",\"eventID\":\"9150d546-3564-4262-8e62-110EXAMPLE\","
            + "\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"123456789012\"}";

    @Test
    void updateUserMapsExactlyAsPublished() throws Exception {
        ObjectNode doc = mapOk(INPUT);
        assertEquals("2020-01-08T20:53:12.000Z", text(doc, "@timestamp"));
        assertEquals("UpdateUser", text(doc, "event.action"));
        assertEquals("iam.amazonaws.com", text(doc, "event.provider"));
        assertEquals("success", text(doc, "event.outcome"));
        assertEquals(JSON.readTree("[\"iam\"]"), at(doc, "event.category"));
        assertEquals(JSON.readTree("[\"user\",\"change\"]"), at(doc, "event.type"));
        assertEquals("Alice", text(doc, "user.name"));
        assertEquals("EX_PRINCIPAL_ID", text(doc, "user.id"));
        assertEquals("Bob", text(doc, "user.target.name"));
        assertEquals("Robert", text(doc, "user.changes.name"));
        assertEquals(JSON.readTree("[\"Alice\",\"Bob\",\"Robert\"]"), at(doc, "related.user"));
        assertEquals("127.0.0.1", text(doc, "source.ip"));
        assertEquals("123456789012", text(doc, "cloud.account.id"));
        assertEquals("us-east-1", text(doc, "cloud.region"));
        assertEquals("aws-cli", text(doc, "user_agent.name"));
        assertEquals("1.16.310", text(doc, "user_agent.version"));
        assertEquals("{newUserName=Robert, userName=Bob}", text(doc, "aws.cloudtrail.request_parameters"));
        assertEquals(JSON.readTree("{\"userName\":\"Bob\",\"newUserName\":\"Robert\"}"),
                at(doc, "aws.cloudtrail.flattened.request_parameters"));
        assertEquals(INPUT, text(doc, "event.original"));
        assertEquals("2021-11-11T01:02:03.123456789Z", text(doc, "event.created"));
        assertEquals("8.11.0", text(doc, "ecs.version"));
        assertEquals("event", text(doc, "event.kind"));
        assertEquals("9150d546-3564-4262-8e62-110EXAMPLE", text(doc, "event.id"));
        assertEquals("aws", text(doc, "cloud.provider"));
        assertEquals("iam", text(doc, "cloud.service.name"));
    }

    @Test
    void treeAndBytesGiveTheSameDocument() throws Exception {
        ObjectNode fromBytes = mapOk(INPUT);
        MappingResult fromTree = MapperTestSupport.MAPPER.map(JSON.readTree(INPUT));
        assertEquals(fromBytes, ((MappingResult.Mapped) fromTree).document());
    }
}
