package org.cloudtrailopensearch.mapper;

import static org.cloudtrailopensearch.mapper.MapperTestSupport.JSON;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.at;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.mapOk;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.record;
import static org.cloudtrailopensearch.mapper.MapperTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One case per userIdentity.type: user.*, service.name, related.user and aws.cloudtrail.user_identity.*. */
class IdentityMappingTest {

    @Test
    void iamUser() {
        ObjectNode doc = mapOk(record("{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:user/alice@example.com\","
                + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"alice@example.com\"}", ""));
        assertEquals("AIDAEXAMPLE", text(doc, "user.id"));
        assertEquals("alice@example.com", text(doc, "user.name"));
        assertEquals("alice@example.com", text(doc, "user.email"));
        assertEquals("IAMUser", text(doc, "aws.cloudtrail.user_identity.type"));
        assertEquals("AKIAEXAMPLE", text(doc, "aws.cloudtrail.user_identity.access_key_id"));
        assertEquals("111122223333", text(doc, "cloud.account.id"));
        assertEquals("arn:aws:iam::111122223333:user/alice@example.com", text(doc, "actor.entity.id.0"));
        assertEquals("arn:aws:iam::111122223333:user/alice@example.com", text(doc, "user.entity.id.0"));
    }

    @Test
    void root() {
        ObjectNode doc = mapOk(record("{\"type\":\"Root\",\"principalId\":\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:root\","
                + "\"accountId\":\"111122223333\"}", ""));
        assertEquals("111122223333", text(doc, "user.id"));
        assertEquals("root", text(doc, "user.name")); // issue 13: every actor has a name to aggregate on
        assertEquals("Root", text(doc, "aws.cloudtrail.user_identity.type"));
    }

    @Test
    void rootWithAUserNameKeepsIt() {
        ObjectNode doc = mapOk(record("{\"type\":\"Root\",\"principalId\":\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:root\","
                + "\"accountId\":\"111122223333\",\"userName\":\"acme-prod\"}", ""));
        assertEquals("acme-prod", text(doc, "user.name"));
    }

    @Test
    void assumedRoleWithEmailSessionName() {
        ObjectNode doc = mapOk(record("{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:bob@example.com\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_1234/bob@example.com\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"ASIAEXAMPLE\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_1234\",\"accountId\":\"111122223333\","
                + "\"userName\":\"AWSReservedSSO_Admin_1234\"},\"attributes\":{\"creationDate\":\"20131102T010628Z\",\"mfaAuthenticated\":\"true\"},"
                + "\"sourceIdentity\":\"bob\"}}", ""));
        assertEquals("AROAEXAMPLE:bob@example.com", text(doc, "user.id"));
        assertEquals("AWSReservedSSO_Admin_1234", text(doc, "user.name"));
        assertEquals("bob@example.com", text(doc, "user.email"));
        assertEquals(List.of("AWSReservedSSO_Admin_1234", "bob@example.com", "bob"),
                JSON.convertValue(at(doc, "related.user"), List.class));
        assertEquals("2013-11-02T01:06:28.000Z", text(doc, "aws.cloudtrail.user_identity.session_context.creation_date"));
        assertEquals("true", text(doc, "aws.cloudtrail.user_identity.session_context.mfa_authenticated"));
        assertEquals("Role", text(doc, "aws.cloudtrail.user_identity.session_context.session_issuer.type"));
        assertEquals("bob", text(doc, "aws.cloudtrail.user_identity.session_context.source_identity"));
    }

    @Test
    void federatedUser() {
        ObjectNode doc = mapOk(record("{\"type\":\"FederatedUser\",\"principalId\":\"111122223333:carol\","
                + "\"arn\":\"arn:aws:sts::111122223333:federated-user/carol\",\"accountId\":\"111122223333\","
                + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/broker\","
                + "\"userName\":\"broker\"}}}", ""));
        assertEquals("broker", text(doc, "user.name"));
        assertEquals("111122223333:carol", text(doc, "user.id"));
        assertTrue(at(doc, "related.user").toString().contains("carol"));
    }

    @Test
    void identityCenterUserAuthentication() {
        ObjectNode doc = mapOk("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IdentityCenterUser\",\"accountId\":\"111122223333\","
                + "\"onBehalfOf\":{\"userId\":\"9067-uuid\",\"identityStoreArn\":\"arn:aws:identitystore::111122223333:identitystore/d-1\"},"
                + "\"credentialId\":\"cred\"},\"eventTime\":\"2025-09-22T12:29:21Z\",\"eventSource\":\"signin.amazonaws.com\","
                + "\"eventName\":\"UserAuthentication\",\"awsRegion\":\"us-east-2\",\"sourceIPAddress\":\"198.51.100.7\","
                + "\"additionalEventData\":{\"UserName\":\"dave@example.com\",\"CredentialType\":\"PASSWORD\"},"
                + "\"serviceEventDetails\":{\"UserAuthentication\":\"Success\"},\"eventType\":\"AwsServiceEvent\",\"recipientAccountId\":\"111122223333\"}");
        assertEquals("dave@example.com", text(doc, "user.name"));
        assertEquals("dave@example.com", text(doc, "user.email"));
        assertEquals("9067-uuid", text(doc, "user.id"));
        assertEquals("9067-uuid", text(doc, "aws.cloudtrail.user_identity.on_behalf_of.user_id"));
        assertEquals("{CredentialType=PASSWORD}", text(doc, "aws.cloudtrail.additional_eventdata"));
        assertEquals("{UserAuthentication=Success}", text(doc, "aws.cloudtrail.service_event_details"));
    }

    @Test
    void samlUser() {
        ObjectNode doc = mapOk(record("{\"type\":\"SAMLUser\",\"principalId\":\"SAMPLE:erin\",\"userName\":\"erin@corp.example\","
                + "\"identityProvider\":\"arn:aws:iam::111122223333:saml-provider/Okta\"}", ""));
        assertEquals("erin@corp.example", text(doc, "user.name"));
        assertEquals("SAMPLE:erin", text(doc, "user.id"));
        assertEquals("arn:aws:iam::111122223333:saml-provider/Okta", text(doc, "aws.cloudtrail.user_identity.identity_provider"));
    }

    @Test
    void webIdentityUser() {
        ObjectNode doc = mapOk(record("{\"type\":\"WebIdentityUser\",\"principalId\":\"accounts.google.com:123\",\"userName\":\"123\","
                + "\"identityProvider\":\"accounts.google.com\",\"sessionContext\":{\"webIdFederationData\":{\"federatedProvider\":\"accounts.google.com\","
                + "\"attributes\":{\"aud\":\"app\"}}}}", ""));
        assertEquals("123", text(doc, "user.name"));
        assertEquals("accounts.google.com", text(doc, "aws.cloudtrail.user_identity.session_context.web_id_federation_data.federated_provider"));
        assertEquals("app", text(doc, "aws.cloudtrail.user_identity.session_context.web_id_federation_data.attributes.aud"));
    }

    @Test
    void awsServiceIsAServiceNotAUser() {
        ObjectNode doc = mapOk(record("{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}",
                "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/r\"}").replace("\"10.1.2.3\"", "\"ec2.amazonaws.com\""));
        assertEquals("ec2.amazonaws.com", text(doc, "service.name"));
        assertTrue(at(doc, "user").isMissingNode());
        assertEquals("ec2.amazonaws.com", text(doc, "aws.cloudtrail.user_identity.invoked_by"));
        assertEquals("ec2.amazonaws.com", text(doc, "service.entity.id.0"));
    }

    @Test
    void serviceLinkedRoleIsAService() {
        ObjectNode doc = mapOk(record("{\"type\":\"AssumedRole\",\"principalId\":\"AROA:StateManagerService\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAmazonSSM/StateManagerService\","
                + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::111122223333:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM\","
                + "\"userName\":\"AWSServiceRoleForAmazonSSM\"}}}", ""));
        assertEquals("ssm.amazonaws.com", text(doc, "service.name"));
        assertFalse(at(doc, "user").has("name"));
    }

    @Test
    void adminUsersGetTheAdminRole() {
        CloudTrailMapper mapper = CloudTrailMapper.builder().clock(Clock.systemUTC()).geoIp(false)
                .adminUsers(List.of("root-ops")).build();
        ObjectNode admin = mapOk(mapper, record("{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"userName\":\"root-ops\"}", ""));
        ObjectNode other = mapOk(mapper, record("{\"type\":\"IAMUser\",\"principalId\":\"AIDA2\",\"userName\":\"someone\"}", ""));
        assertEquals("[\"admin\"]", at(admin, "user.roles").toString());
        assertTrue(at(other, "user.roles").isMissingNode());
    }
}
