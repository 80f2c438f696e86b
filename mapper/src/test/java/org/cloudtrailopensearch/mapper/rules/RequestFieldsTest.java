package org.cloudtrailopensearch.mapper.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the request-field table (the case files cover the fields themselves). */
class RequestFieldsTest {

    private final RequestFields table = new RequestFields();

    @Test
    void rowsAreGroupedByService() {
        List<String> ec2 = Arrays.stream(table.fieldsFor("ec2.amazonaws.com")).map(RequestFields.Field::name).toList();
        assertTrue(ec2.contains("aws.ec2.rule.cidr"), ec2.toString());
        assertTrue(ec2.stream().allMatch(name -> name.startsWith("aws.ec2.")), ec2.toString());
        assertEquals(0, table.fieldsFor("lambda.amazonaws.com").length);
        assertEquals(0, table.fieldsFor(null).length);
        assertEquals(0, table.fieldsFor("s3").length); // not an AWS service principal
        assertSame(table.fieldsFor("s3.amazonaws.com"), table.fieldsFor("s3.amazonaws.com"));
    }

    @Test
    void everyFieldOfTheContractIsInTheTable() {
        List<String> fields = table.allFields().stream().map(RequestFields.Field::name).toList();
        assertEquals(List.of("aws.s3.bucket.name", "aws.s3.object.key", "aws.s3.acl.canned", "aws.s3.acl.grantee",
                "aws.s3.acl.permission", "aws.s3.versioning.status", "aws.s3.public_access_block.block_public_acls",
                "aws.s3.public_access_block.ignore_public_acls", "aws.s3.public_access_block.block_public_policy",
                "aws.s3.public_access_block.restrict_public_buckets", "aws.ec2.security_group.id",
                "aws.ec2.security_group.name", "aws.ec2.network_acl.id", "aws.ec2.rule.cidr", "aws.ec2.rule.from_port",
                "aws.ec2.rule.to_port", "aws.ec2.rule.protocol", "aws.ec2.rule.action", "aws.ec2.rule.egress",
                "aws.ec2.instance.id", "aws.ec2.instance.type", "aws.ec2.public_ip", "aws.kms.key.id", "aws.iam.policy.arn",
                "aws.iam.policy.name", "aws.iam.role.name", "aws.iam.access_key.id", "aws.rds.publicly_accessible",
                "aws.ssm.with_decryption", "aws.guardduty.detector.enable",
                "aws.cloudtrail.trail.include_management_events", "aws.cloudtrail.trail.log_file_validation_enabled",
                "aws.cloudtrail.trail.include_global_service_events"),
                fields.stream().sorted((a, b) -> order(a) - order(b)).toList());
        List<String> longs = List.of("aws.ec2.rule.from_port", "aws.ec2.rule.to_port");
        List<String> booleans = List.of("aws.s3.public_access_block.block_public_acls",
                "aws.s3.public_access_block.ignore_public_acls", "aws.s3.public_access_block.block_public_policy",
                "aws.s3.public_access_block.restrict_public_buckets", "aws.ec2.rule.egress", "aws.rds.publicly_accessible",
                "aws.ssm.with_decryption", "aws.guardduty.detector.enable", "aws.cloudtrail.trail.include_management_events",
                "aws.cloudtrail.trail.log_file_validation_enabled", "aws.cloudtrail.trail.include_global_service_events");
        for (RequestFields.Field field : table.allFields()) {
            RequestFields.ValueType expected = longs.contains(field.name()) ? RequestFields.ValueType.LONG
                    : booleans.contains(field.name()) ? RequestFields.ValueType.BOOLEAN : RequestFields.ValueType.KEYWORD;
            assertEquals(expected, field.type(), field.name());
        }
    }

    /** Groups the services in the contract's order (the table's own order within a service). */
    private static int order(String field) {
        return List.of("s3", "ec2", "kms", "iam", "rds", "ssm", "guardduty", "cloudtrail").indexOf(field.split("\\.")[1]);
    }

    @Test
    void valuesAreConvertedOrIgnored() {
        assertEquals(22L, RequestFields.convert(IntNode.valueOf(22), RequestFields.ValueType.LONG));
        assertEquals(-1L, RequestFields.convert(TextNode.valueOf(" -1 "), RequestFields.ValueType.LONG));
        assertEquals(443L, RequestFields.convert(TextNode.valueOf("+443"), RequestFields.ValueType.LONG));
        assertNull(RequestFields.convert(TextNode.valueOf("22-25"), RequestFields.ValueType.LONG));
        assertNull(RequestFields.convert(TextNode.valueOf("-"), RequestFields.ValueType.LONG));
        assertNull(RequestFields.convert(TextNode.valueOf("99999999999999999999"), RequestFields.ValueType.LONG));
        assertNull(RequestFields.convert(DoubleNode.valueOf(1.5), RequestFields.ValueType.LONG));
        assertNull(RequestFields.convert(BooleanNode.TRUE, RequestFields.ValueType.LONG));
        assertEquals(true, RequestFields.convert(BooleanNode.TRUE, RequestFields.ValueType.BOOLEAN));
        assertEquals(false, RequestFields.convert(TextNode.valueOf("FALSE"), RequestFields.ValueType.BOOLEAN));
        assertEquals(true, RequestFields.convert(TextNode.valueOf("True"), RequestFields.ValueType.BOOLEAN));
        assertNull(RequestFields.convert(TextNode.valueOf("yes"), RequestFields.ValueType.BOOLEAN));
        assertNull(RequestFields.convert(IntNode.valueOf(1), RequestFields.ValueType.BOOLEAN));
        assertEquals("6", RequestFields.convert(IntNode.valueOf(6), RequestFields.ValueType.KEYWORD));
    }

    @Test
    void arnTail() {
        assertEquals("AdministratorAccess", RequestFields.arnTail("arn:aws:iam::aws:policy/AdministratorAccess"));
        assertEquals("Name", RequestFields.arnTail("arn:aws:iam::111122223333:policy/path/to/Name"));
        assertNull(RequestFields.arnTail("arn:aws:iam::111122223333:policy/"));
        assertNull(RequestFields.arnTail("AdministratorAccess"));
        assertNull(RequestFields.arnTail("not/an/arn"));
    }

    @Test
    void grantHeaders() {
        assertEquals(List.of("http://acs.amazonaws.com/groups/global/AllUsers"),
                grantees("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""));
        assertEquals(List.of("abc123", "a@example.com", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"),
                grantees("id=\"abc123\", emailAddress=\"a@example.com\",uri=http://acs.amazonaws.com/groups/global/AuthenticatedUsers"));
        assertEquals(List.of("x=y, still the value"), grantees("id=\"x=y, still the value\""));
        assertEquals(List.of(), grantees("no pairs at all"));
        assertEquals(List.of(), grantees("id=\"\""));
        assertEquals(List.of("unterminated"), grantees("id=\"unterminated"));
    }

    private static List<String> grantees(String header) {
        RequestFields.Values values = new RequestFields.Values();
        RequestFields.addGrantees(header, values);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size; i++) {
            result.add((String) values.items[i]);
        }
        return result;
    }

    @Test
    void valuesKeepInputOrderAndAppearOnce() {
        RequestFields.Values values = new RequestFields.Values();
        for (Object value : new Object[] {"b", "a", "b", 22L, 22L, null, "c", "d", "e"}) {
            values.add(value);
        }
        assertEquals(List.of("b", "a", 22L, "c", "d", "e"), Arrays.asList(values.items).subList(0, values.size));
        values.clear();
        assertEquals(0, values.size);
    }
}
