package org.cloudtrailopensearch.benchmarks.mapper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic but realistic mix of CloudTrail records for benchmarking: many event types across services and
 * identity types, thousands of distinct user agents and source IPs (plus AWS service principals), payloads of
 * varying size, some errors. Deterministic for a given seed.
 */
final class MixedCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** eventSource, eventName, readOnly — weighted by repetition. */
    private static final String[][] EVENTS = {
        {"s3", "GetObject", "true"}, {"s3", "GetObject", "true"}, {"s3", "PutObject", "false"}, {"s3", "HeadObject", "true"},
        {"s3", "ListObjects", "true"}, {"s3", "DeleteObject", "false"}, {"s3", "GetBucketAcl", "true"},
        {"kms", "Decrypt", "true"}, {"kms", "Decrypt", "true"}, {"kms", "GenerateDataKey", "true"}, {"kms", "DescribeKey", "true"},
        {"sts", "AssumeRole", "true"}, {"sts", "AssumeRole", "true"}, {"sts", "GetCallerIdentity", "true"},
        {"sts", "AssumeRoleWithWebIdentity", "true"},
        {"ec2", "DescribeInstances", "true"}, {"ec2", "DescribeSecurityGroups", "true"}, {"ec2", "RunInstances", "false"},
        {"ec2", "TerminateInstances", "false"}, {"ec2", "AuthorizeSecurityGroupIngress", "false"}, {"ec2", "CreateTags", "false"},
        {"iam", "GetRole", "true"}, {"iam", "ListRoles", "true"}, {"iam", "CreateUser", "false"}, {"iam", "AttachUserPolicy", "false"},
        {"iam", "UpdateUser", "false"}, {"iam", "CreateAccessKey", "false"}, {"iam", "AddUserToGroup", "false"},
        {"signin", "ConsoleLogin", "false"}, {"lambda", "Invoke", "false"}, {"lambda", "ListFunctions20150331", "true"},
        {"logs", "CreateLogStream", "false"}, {"logs", "DescribeLogGroups", "true"}, {"monitoring", "GetMetricData", "true"},
        {"dynamodb", "DescribeTable", "true"}, {"secretsmanager", "GetSecretValue", "true"}, {"ssm", "GetParameter", "true"},
        {"ssm", "UpdateInstanceInformation", "false"}, {"ssm", "StartSession", "false"}, {"ecr", "GetAuthorizationToken", "true"},
        {"rds", "DescribeDBInstances", "true"}, {"cloudtrail", "StopLogging", "false"}, {"guardduty", "ListDetectors", "true"},
        {"elasticloadbalancing", "DescribeTargetHealth", "true"}, {"cloudformation", "DescribeStacks", "true"},
        {"sns", "Publish", "false"}, {"sqs", "GetQueueAttributes", "true"}, {"route53", "ChangeResourceRecordSets", "false"},
        {"athena", "StartQueryExecution", "false"}, {"glue", "GetTable", "true"},
    };
    private static final String[] REGIONS = {"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    private static final String[] ROLES = {"Admin", "ReadOnly", "ci-deployer", "lambda-exec", "ec2-app", "AWSReservedSSO_Dev_1a2b3c"};

    private MixedCorpus() {
    }

    static List<byte[]> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> userAgents = userAgents(random, 3000);
        List<String> ips = ips(random, 5000);
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(random, i, userAgents, ips));
        }
        return records;
    }

    private static byte[] record(Random random, int i, List<String> userAgents, List<String> ips) {
        String[] event = EVENTS[random.nextInt(EVENTS.length)];
        String account = String.format("%012d", 100000000000L + random.nextInt(20));
        ObjectNode r = JSON.createObjectNode();
        r.put("eventVersion", "1.10");
        r.set("userIdentity", identity(random, account));
        r.put("eventTime", String.format("2026-06-%02dT%02d:%02d:%02dZ", 1 + random.nextInt(28), random.nextInt(24),
                random.nextInt(60), random.nextInt(60)));
        r.put("eventSource", event[0] + ".amazonaws.com");
        r.put("eventName", event[1]);
        r.put("awsRegion", REGIONS[random.nextInt(REGIONS.length)]);
        int source = random.nextInt(10);
        r.put("sourceIPAddress", source == 0 ? event[0] + ".amazonaws.com" : source == 1 ? "AWS Internal" : ips.get(random.nextInt(ips.size())));
        r.put("userAgent", source == 0 ? event[0] + ".amazonaws.com" : userAgents.get(random.nextInt(userAgents.size())));
        if (random.nextInt(12) == 0) {
            r.put("errorCode", "AccessDenied");
            r.put("errorMessage", "User is not authorized to perform: " + event[0] + ":" + event[1]);
        }
        ObjectNode request = r.putObject("requestParameters");
        switch (event[0]) {
            case "s3" -> {
                request.put("bucketName", "bucket-" + random.nextInt(200));
                request.put("key", "data/" + random.nextInt(100000) + ".parquet");
                request.put("Host", "bucket.s3.amazonaws.com");
                ObjectNode resource = r.putArray("resources").addObject();
                resource.put("type", "AWS::S3::Object");
                resource.put("ARN", "arn:aws:s3:::bucket-" + random.nextInt(200) + "/data/" + i);
                r.putObject("additionalEventData").put("SignatureVersion", "SigV4").put("CipherSuite", "TLS_AES_128_GCM_SHA256")
                        .put("bytesTransferredIn", random.nextInt(100000)).put("x-amz-id-2", Long.toHexString(random.nextLong()));
            }
            case "iam" -> {
                request.put("userName", "user-" + random.nextInt(500));
                if (event[1].equals("UpdateUser")) {
                    request.put("newUserName", "user-" + random.nextInt(500));
                }
                if (event[1].equals("AttachUserPolicy")) {
                    request.put("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess");
                }
                r.putObject("responseElements").putObject("user").put("userId", "AIDA" + Long.toHexString(random.nextLong()).toUpperCase())
                        .put("userName", "user-" + random.nextInt(500)).put("arn", "arn:aws:iam::" + account + ":user/u" + i)
                        .put("createDate", "Jun 1, 2026 10:00:00 AM");
            }
            case "ec2" -> {
                ObjectNode items = request.putObject("instancesSet");
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    items.withArray("items").addObject().put("instanceId", "i-" + Long.toHexString(random.nextLong()).substring(0, 12));
                }
                request.put("filterSet", "");
                request.putObject("tagSpecificationSet").putArray("items").addObject().put("resourceType", "instance")
                        .putArray("tags").addObject().put("key", "team").put("value", "team-" + random.nextInt(30));
            }
            case "sts" -> {
                request.put("roleArn", "arn:aws:iam::" + account + ":role/" + ROLES[random.nextInt(ROLES.length)]);
                request.put("roleSessionName", "session-" + random.nextInt(10000));
                request.put("durationSeconds", 3600);
                ObjectNode credentials = r.putObject("responseElements").putObject("credentials");
                credentials.put("accessKeyId", "ASIA" + Long.toHexString(random.nextLong()).toUpperCase());
                credentials.put("sessionToken", Long.toHexString(random.nextLong()).repeat(20));
                credentials.put("expiration", "Jun 1, 2026 11:00:00 AM");
            }
            case "signin" -> {
                r.remove("requestParameters");
                r.putObject("responseElements").put("ConsoleLogin", random.nextInt(8) == 0 ? "Failure" : "Success");
                r.putObject("additionalEventData").put("LoginTo", "https://console.aws.amazon.com/console/home")
                        .put("MobileVersion", "No").put("MFAUsed", random.nextBoolean() ? "Yes" : "No");
            }
            default -> {
                request.put("name", event[1].toLowerCase() + "-" + random.nextInt(1000));
                request.put("maxResults", 50);
                if (random.nextBoolean()) {
                    r.putNull("responseElements");
                }
            }
        }
        r.put("requestID", Long.toHexString(random.nextLong()));
        r.put("eventID", java.util.UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()).toString());
        r.put("readOnly", Boolean.parseBoolean(event[2]));
        r.put("eventType", "ConsoleLogin".equals(event[1]) ? "AwsConsoleSignIn" : "AwsApiCall");
        r.put("managementEvent", !event[0].equals("s3"));
        r.put("recipientAccountId", account);
        r.put("eventCategory", event[0].equals("s3") ? "Data" : "Management");
        if (random.nextInt(3) > 0) {
            r.putObject("tlsDetails").put("tlsVersion", "TLSv1.3").put("cipherSuite", "TLS_AES_128_GCM_SHA256")
                    .put("clientProvidedHostHeader", event[0] + "." + r.get("awsRegion").asText() + ".amazonaws.com");
        }
        try {
            return JSON.writeValueAsBytes(r);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode identity(Random random, String account) {
        ObjectNode identity = JSON.createObjectNode();
        int kind = random.nextInt(10);
        if (kind < 5) {
            String role = ROLES[random.nextInt(ROLES.length)];
            String session = random.nextBoolean() ? "i-" + Long.toHexString(random.nextLong()).substring(0, 12)
                    : "person" + random.nextInt(400) + "@example.com";
            identity.put("type", "AssumedRole");
            identity.put("principalId", "AROA" + (1000 + random.nextInt(50)) + "EXAMPLE:" + session);
            identity.put("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session);
            identity.put("accountId", account);
            identity.put("accessKeyId", "ASIA" + Long.toHexString(random.nextLong()).toUpperCase());
            ObjectNode context = identity.putObject("sessionContext");
            context.putObject("sessionIssuer").put("type", "Role").put("principalId", "AROA" + random.nextInt(50) + "EXAMPLE")
                    .put("arn", "arn:aws:iam::" + account + ":role/" + role).put("accountId", account).put("userName", role);
            context.putObject("webIdFederationData");
            context.putObject("attributes").put("creationDate", "2026-06-01T09:00:00Z").put("mfaAuthenticated", "false");
        } else if (kind < 8) {
            String user = "user-" + random.nextInt(500);
            identity.put("type", "IAMUser");
            identity.put("principalId", "AIDA" + (10000 + random.nextInt(500)) + "EXAMPLE");
            identity.put("arn", "arn:aws:iam::" + account + ":user/" + user);
            identity.put("accountId", account);
            identity.put("accessKeyId", "AKIA" + (100000 + random.nextInt(900)) + "EXAMPLE");
            identity.put("userName", user);
        } else if (kind == 8) {
            identity.put("type", "AWSService");
            identity.put("invokedBy", "cloudtrail.amazonaws.com");
        } else {
            identity.put("type", "Root");
            identity.put("principalId", account);
            identity.put("arn", "arn:aws:iam::" + account + ":root");
            identity.put("accountId", account);
        }
        return identity;
    }

    private static List<String> userAgents(Random random, int count) {
        List<String> agents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            agents.add(switch (i % 6) {
                case 0 -> "aws-cli/2." + random.nextInt(30) + "." + random.nextInt(60) + " md/awscrt#0.2" + random.nextInt(9)
                        + ".0 ua/2.0 os/linux#6." + random.nextInt(9) + " md/arch#x86_64 lang/python#3.12." + random.nextInt(9)
                        + " md/pyimpl#CPython cfg/retry-mode#standard md/command#s3.cp";
                case 1 -> "Boto3/1.34." + random.nextInt(160) + " md/Botocore#1.34." + random.nextInt(160)
                        + " ua/2.0 os/linux#5.10." + random.nextInt(250) + "-amzn2.x86_64 md/arch#x86_64 lang/python#3.11."
                        + random.nextInt(9) + " cfg/retry-mode#legacy Botocore/1.34." + random.nextInt(160);
                case 2 -> "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/1"
                        + (10 + random.nextInt(30)) + ".0." + random.nextInt(7000) + "." + random.nextInt(200) + " Safari/537.36";
                case 3 -> "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_" + random.nextInt(8) + ") AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/17." + random.nextInt(6) + " Safari/605.1.15";
                case 4 -> "aws-sdk-java/2.2" + random.nextInt(9) + "." + random.nextInt(40) + " Linux/5.10." + random.nextInt(250)
                        + " OpenJDK_64-Bit_Server_VM/17.0." + random.nextInt(12) + "+7-LTS Java/17.0." + random.nextInt(12)
                        + " vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/legacy";
                default -> "aws-sdk-go-v2/1.2" + random.nextInt(9) + "." + random.nextInt(30) + " os/linux lang/go#1.22."
                        + random.nextInt(9) + " md/GOOS#linux md/GOARCH#amd64 api/s3#1.5" + random.nextInt(9) + ".0";
            });
        }
        return agents;
    }

    private static List<String> ips(Random random, int count) {
        List<String> ips = new ArrayList<>(count);
        while (ips.size() < count) {
            int first = 1 + random.nextInt(222);
            if (first == 10 || first == 127 || first == 172 || first == 192 || first == 100) {
                continue;
            }
            ips.add(first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
        }
        return ips;
    }
}
