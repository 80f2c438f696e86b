package org.cloudtrailopensearch.generator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Builds CloudTrail records: a weighted mix of everyday API calls and rarer security-relevant events, with
 * the envelope (userIdentity, sessionContext, tlsDetails, ids...) shaped like real CloudTrail output.
 */
final class EventFactory {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String GLOBAL_REGION = "us-east-1";

    /** Fills requestParameters / responseElements / extra fields of one event. */
    @FunctionalInterface
    private interface Shaper {
        void shape(EventContext context, ObjectNode record);
    }

    private record Template(String source, String name, boolean readOnly, int weight, boolean global,
                            boolean forServices, boolean forHumans, Shaper shaper) {
    }

    /** What a shaper may look at. */
    private record EventContext(Random random, Actor actor, String region, String account) {
    }

    private final List<Template> templates = new ArrayList<>();
    private final int[] cumulativeWeights;
    private final int totalWeight;
    private final boolean securityEvents;

    EventFactory() {
        this(true);
    }

    /**
     * @param securityEvents whether the mix includes the rare security-relevant events (console logins, trail,
     *                       GuardDuty and KMS tampering, public S3 grants, ...) and random AccessDenied errors;
     *                       without them the everyday calls alone make a quiet trail
     */
    EventFactory(boolean securityEvents) {
        this.securityEvents = securityEvents;
        registerEverydayCalls();
        if (securityEvents) {
            registerSecurityEvents();
        }
        cumulativeWeights = new int[templates.size()];
        int sum = 0;
        for (int i = 0; i < templates.size(); i++) {
            sum += templates.get(i).weight();
            cumulativeWeights[i] = sum;
        }
        totalWeight = sum;
    }

    /**
     * One record made by {@code actor} at {@code eventTime} in {@code region}; {@code globalEventsHere}
     * says whether IAM/STS/sign-in events (delivered to us-east-1) belong to this region's log files.
     */
    ObjectNode create(Random random, Actor actor, String trailAccount, String region, Instant eventTime,
                      boolean globalEventsHere) {
        Template template = pick(random, actor, globalEventsHere);
        String eventRegion = template.global() ? GLOBAL_REGION : region;
        ObjectNode record = NODES.objectNode();
        record.put("eventVersion", template.name().equals("ConsoleLogin") ? "1.09" : "1.10");
        record.set("userIdentity", userIdentity(random, actor, eventTime));
        record.put("eventTime", eventTime.truncatedTo(ChronoUnit.SECONDS).toString());
        record.put("eventSource", template.source());
        record.put("eventName", template.name());
        record.put("awsRegion", eventRegion);
        boolean service = actor.type() == IdentityType.AWS_SERVICE;
        record.put("sourceIPAddress", service ? actor.homeIp() : sourceIp(random, actor));
        record.put("userAgent", service ? actor.homeUserAgent() : userAgent(random, actor));
        EventContext context = new EventContext(random, actor, eventRegion, trailAccount);
        record.putNull("requestParameters");
        record.putNull("responseElements");
        template.shaper().shape(context, record);
        if (!service && !record.has("errorCode") && !template.name().equals("ConsoleLogin") && random.nextInt(40) == 0
                && securityEvents) {
            deny(context, record, template);
        }
        record.put("requestID", random.nextBoolean() ? uuid(random).toString()
                : Population.upperId(random, 16).replaceAll("[2-7]", "0"));
        record.put("eventID", uuid(random).toString());
        record.put("readOnly", template.readOnly());
        record.put("eventType", template.name().equals("ConsoleLogin") ? "AwsConsoleSignIn" : "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", trailAccount);
        record.put("eventCategory", "Management");
        if (!service && !template.name().equals("ConsoleLogin")) {
            ObjectNode tls = record.putObject("tlsDetails");
            tls.put("tlsVersion", random.nextInt(5) == 0 ? "TLSv1.2" : "TLSv1.3");
            tls.put("cipherSuite", tls.get("tlsVersion").asText().equals("TLSv1.2")
                    ? "ECDHE-RSA-AES128-GCM-SHA256" : "TLS_AES_128_GCM_SHA256");
            tls.put("clientProvidedHostHeader", hostOf(template.source(), eventRegion));
        }
        if (actor.consoleUser() && !service && random.nextInt(3) == 0) {
            record.put("sessionCredentialFromConsole", "true");
        }
        return record;
    }

    private Template pick(Random random, Actor actor, boolean globalEventsHere) {
        for (int attempt = 0; ; attempt++) {
            int ticket = random.nextInt(totalWeight);
            int index = 0;
            while (cumulativeWeights[index] <= ticket) {
                index++;
            }
            Template template = templates.get(index);
            boolean service = actor.type() == IdentityType.AWS_SERVICE;
            if ((service && !template.forServices()) || (!service && !template.forHumans())) {
                continue;
            }
            if (template.global() && !globalEventsHere && attempt < 20) {
                continue;
            }
            return template;
        }
    }

    private static ObjectNode userIdentity(Random random, Actor actor, Instant eventTime) {
        ObjectNode identity = NODES.objectNode();
        identity.put("type", actor.type().cloudTrailName());
        switch (actor.type()) {
            case IAM_USER:
                identity.put("principalId", actor.principalId());
                identity.put("arn", actor.arn());
                identity.put("accountId", actor.accountId());
                identity.put("accessKeyId", (actor.consoleUser() ? "ASIA" : "AKIA") + Population.upperId(random, 16));
                identity.put("userName", actor.name());
                if (actor.consoleUser()) {
                    sessionAttributes(identity.putObject("sessionContext"), actor, eventTime);
                }
                break;
            case ASSUMED_ROLE:
            case FEDERATED_USER:
                identity.put("principalId", actor.principalId());
                identity.put("arn", actor.arn());
                identity.put("accountId", actor.accountId());
                identity.put("accessKeyId", "ASIA" + Population.upperId(random, 16));
                ObjectNode session = identity.putObject("sessionContext");
                ObjectNode issuer = session.putObject("sessionIssuer");
                boolean role = actor.type() == IdentityType.ASSUMED_ROLE;
                issuer.put("type", role ? "Role" : "IAMUser");
                issuer.put("principalId", actor.issuerId());
                issuer.put("arn", role ? "arn:aws:iam::" + actor.accountId() + ":role/" + actor.issuerName()
                        : "arn:aws:iam::" + actor.accountId() + ":user/" + actor.issuerName());
                issuer.put("accountId", actor.accountId());
                issuer.put("userName", actor.issuerName());
                session.putObject("webIdFederationData");
                sessionAttributes(session, actor, eventTime);
                break;
            case ROOT:
                identity.put("principalId", actor.principalId());
                identity.put("arn", actor.arn());
                identity.put("accountId", actor.accountId());
                identity.put("accessKeyId", "ASIA" + Population.upperId(random, 16));
                sessionAttributes(identity.putObject("sessionContext"), actor, eventTime);
                break;
            case AWS_SERVICE:
                identity.put("invokedBy", actor.name());
                break;
            case IDENTITY_CENTER_USER:
                identity.put("accountId", actor.accountId());
                ObjectNode onBehalfOf = identity.putObject("onBehalfOf");
                onBehalfOf.put("userId", actor.principalId());
                onBehalfOf.put("identityStoreArn", "arn:aws:identitystore::" + actor.accountId()
                        + ":identitystore/" + actor.issuerId());
                identity.put("credentialId", Population.upperId(random, 24));
                break;
            case AWS_ACCOUNT:
                identity.put("principalId", actor.principalId());
                identity.put("accountId", actor.accountId());
                break;
            default:
                throw new IllegalStateException("unhandled identity type " + actor.type());
        }
        return identity;
    }

    private static void sessionAttributes(ObjectNode sessionContext, Actor actor, Instant eventTime) {
        ObjectNode attributes = sessionContext.putObject("attributes");
        attributes.put("creationDate", eventTime.minusSeconds(600 + Math.floorMod(actor.name().hashCode(), 3000))
                .truncatedTo(ChronoUnit.SECONDS).toString());
        attributes.put("mfaAuthenticated", Boolean.toString(actor.mfa()));
    }

    private static String sourceIp(Random random, Actor actor) {
        // Habits with a long tail: most calls come from the usual address, some from anywhere.
        return random.nextInt(6) == 0 ? Population.publicIp(random) : actor.homeIp();
    }

    private static String userAgent(Random random, Actor actor) {
        return random.nextInt(6) == 0 ? Population.randomUserAgent(random) : actor.homeUserAgent();
    }

    private static String hostOf(String eventSource, String region) {
        String service = eventSource.substring(0, eventSource.indexOf('.'));
        if (service.equals("iam") || service.equals("signin")) {
            return eventSource;
        }
        if (service.equals("s3")) {
            return "s3." + region + ".amazonaws.com";
        }
        return service + "." + region + ".amazonaws.com";
    }

    static UUID uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    private static void deny(EventContext context, ObjectNode record, Template template) {
        String service = template.source().substring(0, template.source().indexOf('.'));
        String code = switch (service) {
            case "ec2" -> "Client.UnauthorizedOperation";
            case "s3", "iam", "sts", "cloudtrail" -> "AccessDenied";
            default -> "AccessDeniedException";
        };
        String who = context.actor().arn() != null ? context.actor().arn() : context.actor().principalId();
        record.put("errorCode", code);
        record.put("errorMessage", "User: " + who + " is not authorized to perform: " + service + ":"
                + template.name() + " because no identity-based policy allows the " + service + ":"
                + template.name() + " action");
        record.putNull("responseElements");
    }

    private void add(String source, String name, boolean readOnly, int weight, Shaper shaper) {
        templates.add(new Template(source, name, readOnly, weight, isGlobal(source), false, true, shaper));
    }

    private void addService(String source, String name, boolean readOnly, int weight, Shaper shaper) {
        templates.add(new Template(source, name, readOnly, weight, isGlobal(source), true, false, shaper));
    }

    private static boolean isGlobal(String source) {
        return source.startsWith("iam.") || source.startsWith("signin.") || source.startsWith("sts.");
    }

    private void registerEverydayCalls() {
        add("ec2.amazonaws.com", "DescribeInstances", true, 60, (c, r) -> {
            ObjectNode request = r.putObject("requestParameters");
            request.putObject("instancesSet").putArray("items");
            request.putObject("filterSet");
        });
        add("ec2.amazonaws.com", "DescribeSecurityGroups", true, 25, (c, r) -> r.putObject("requestParameters")
                .putObject("securityGroupSet"));
        add("ec2.amazonaws.com", "DescribeVolumes", true, 15, (c, r) -> r.putObject("requestParameters")
                .put("maxResults", 500));
        add("ec2.amazonaws.com", "RunInstances", false, 6, (c, r) -> {
            ObjectNode request = r.putObject("requestParameters");
            request.putObject("instancesSet").putArray("items").addObject()
                    .put("imageId", "ami-0" + Population.lowerHex(c.random(), 16)).put("minCount", 1).put("maxCount", 1);
            request.put("instanceType", pick(c.random(), "t3.micro", "m6i.large", "c7g.xlarge", "r6i.2xlarge"));
            ObjectNode response = r.putObject("responseElements");
            response.put("reservationId", "r-0" + Population.lowerHex(c.random(), 16));
            response.put("ownerId", c.account());
            response.putObject("instancesSet").putArray("items").addObject()
                    .put("instanceId", "i-0" + Population.lowerHex(c.random(), 16))
                    .putObject("instanceState").put("code", 0).put("name", "pending");
        });
        add("ec2.amazonaws.com", "TerminateInstances", false, 3, (c, r) -> r.putObject("requestParameters")
                .putObject("instancesSet").putArray("items").addObject()
                .put("instanceId", "i-0" + Population.lowerHex(c.random(), 16)));
        add("ec2.amazonaws.com", "CreateTags", false, 6, (c, r) -> {
            ObjectNode request = r.putObject("requestParameters");
            request.putObject("resourcesSet").putArray("items").addObject()
                    .put("resourceId", "i-0" + Population.lowerHex(c.random(), 16));
            request.putObject("tagSet").putArray("items").addObject().put("key", "team")
                    .put("value", pick(c.random(), "payments", "search", "platform", "data"));
            r.putObject("responseElements").put("_return", true);
        });
        add("s3.amazonaws.com", "ListBuckets", true, 30, (c, r) -> r.putObject("requestParameters")
                .put("Host", "s3." + c.region() + ".amazonaws.com"));
        add("s3.amazonaws.com", "GetBucketAcl", true, 15, (c, r) -> bucketRequest(c, r, "acl"));
        add("s3.amazonaws.com", "GetBucketPolicy", true, 10, (c, r) -> {
            bucketRequest(c, r, "policy");
            if (c.random().nextInt(3) == 0) {
                r.put("errorCode", "NoSuchBucketPolicy");
                r.put("errorMessage", "The bucket policy does not exist");
            }
        });
        add("s3.amazonaws.com", "CreateBucket", false, 2, (c, r) -> bucketRequest(c, r, null));
        add("s3.amazonaws.com", "PutBucketTagging", false, 2, (c, r) -> bucketRequest(c, r, "tagging"));
        add("iam.amazonaws.com", "GetUser", true, 10, (c, r) -> r.putObject("requestParameters")
                .put("userName", c.actor().name()));
        add("iam.amazonaws.com", "ListRoles", true, 8, (c, r) -> r.putObject("requestParameters").put("maxItems", 100));
        add("iam.amazonaws.com", "ListUsers", true, 6, (c, r) -> r.putObject("requestParameters").put("maxItems", 100));
        add("iam.amazonaws.com", "CreateRole", false, 2, (c, r) -> {
            String role = "app-" + Population.lowerHex(c.random(), 6);
            r.putObject("requestParameters").put("roleName", role)
                    .put("assumeRolePolicyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
            r.putObject("responseElements").putObject("role").put("roleName", role)
                    .put("arn", "arn:aws:iam::" + c.account() + ":role/" + role)
                    .put("roleId", "AROA" + Population.upperId(c.random(), 17));
        });
        add("sts.amazonaws.com", "GetCallerIdentity", true, 25, (c, r) -> { });
        add("kms.amazonaws.com", "Decrypt", true, 20, (c, r) -> kmsRequest(c, r));
        add("kms.amazonaws.com", "GenerateDataKey", true, 10, (c, r) -> kmsRequest(c, r));
        add("lambda.amazonaws.com", "ListFunctions20150331", true, 8, (c, r) -> { });
        add("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", false, 3, (c, r) -> r.putObject("requestParameters")
                .put("functionName", "orders-" + pick(c.random(), "api", "worker", "cron")).put("publish", true));
        add("logs.amazonaws.com", "DescribeLogGroups", true, 10, (c, r) -> r.putObject("requestParameters")
                .put("limit", 50));
        add("monitoring.amazonaws.com", "DescribeAlarms", true, 10, (c, r) -> r.putObject("requestParameters")
                .put("maxRecords", 100));
        add("ssm.amazonaws.com", "GetParameter", true, 12, (c, r) -> r.putObject("requestParameters")
                .put("name", "/app/" + pick(c.random(), "db-url", "feature-flags", "api-endpoint")).put("withDecryption", true));
        add("ssm.amazonaws.com", "PutParameter", false, 2, (c, r) -> r.putObject("requestParameters")
                .put("name", "/app/feature-flags").put("type", "String").put("overwrite", true));
        add("dynamodb.amazonaws.com", "DescribeTable", true, 8, (c, r) -> r.putObject("requestParameters")
                .put("tableName", pick(c.random(), "orders", "sessions", "customers")));
        add("rds.amazonaws.com", "DescribeDBInstances", true, 6, (c, r) -> { });
        add("cloudformation.amazonaws.com", "DescribeStacks", true, 8, (c, r) -> r.putObject("requestParameters")
                .put("stackName", "app-" + pick(c.random(), "network", "compute", "data")));
        add("cloudformation.amazonaws.com", "UpdateStack", false, 2, (c, r) -> r.putObject("requestParameters")
                .put("stackName", "app-" + pick(c.random(), "network", "compute", "data")));
        add("secretsmanager.amazonaws.com", "GetSecretValue", true, 6, (c, r) -> r.putObject("requestParameters")
                .put("secretId", "prod/db/" + pick(c.random(), "orders", "billing")));
        add("ecr.amazonaws.com", "GetAuthorizationToken", true, 6, (c, r) -> { });

        addService("sts.amazonaws.com", "AssumeRole", false, 30, (c, r) -> {
            String session = Population.lowerHex(c.random(), 32);
            r.putObject("requestParameters")
                    .put("roleArn", "arn:aws:iam::" + c.account() + ":role/service-role-" + Population.lowerHex(c.random(), 4))
                    .put("roleSessionName", session);
            ObjectNode credentials = r.putObject("responseElements").putObject("credentials");
            credentials.put("accessKeyId", "ASIA" + Population.upperId(c.random(), 16));
            credentials.put("sessionToken", "IQoJb3JpZ2luX2VjE" + Population.upperId(c.random(), 40));
            credentials.put("expiration", "Jan 1, 2030, 12:00:00 AM");
        });
        addService("kms.amazonaws.com", "Decrypt", true, 25, (c, r) -> kmsRequest(c, r));
        addService("kms.amazonaws.com", "GenerateDataKey", true, 15, (c, r) -> kmsRequest(c, r));
        addService("ec2.amazonaws.com", "CreateNetworkInterface", false, 6, (c, r) -> r.putObject("requestParameters")
                .put("subnetId", "subnet-0" + Population.lowerHex(c.random(), 16)));
        addService("logs.amazonaws.com", "CreateLogStream", false, 8, (c, r) -> r.putObject("requestParameters")
                .put("logGroupName", "/aws/lambda/orders-api")
                .put("logStreamName", "2026/01/01/[$LATEST]" + Population.lowerHex(c.random(), 32)));
    }

    private void registerSecurityEvents() {
        add("signin.amazonaws.com", "ConsoleLogin", false, 6, (c, r) -> {
            boolean failure = c.random().nextInt(4) == 0;
            r.putNull("requestParameters");
            r.putObject("responseElements").put("ConsoleLogin", failure ? "Failure" : "Success");
            ObjectNode extra = r.putObject("additionalEventData");
            extra.put("LoginTo", "https://console.aws.amazon.com/console/home?region=" + c.region());
            extra.put("MobileVersion", "No");
            extra.put("MFAUsed", c.actor().mfa() && !failure ? "Yes" : "No");
            if (failure) {
                r.put("errorMessage", "Failed authentication");
            }
        });
        add("cloudtrail.amazonaws.com", "StopLogging", false, 1, (c, r) -> r.putObject("requestParameters")
                .put("name", "arn:aws:cloudtrail:" + c.region() + ":" + c.account() + ":trail/management-events"));
        add("cloudtrail.amazonaws.com", "DeleteTrail", false, 1, (c, r) -> r.putObject("requestParameters")
                .put("name", "legacy-trail"));
        add("s3.amazonaws.com", "PutBucketAcl", false, 2, (c, r) -> {
            ObjectNode request = bucketRequest(c, r, "acl");
            request.put("x-amz-acl", c.random().nextBoolean() ? "public-read" : "private");
        });
        add("s3.amazonaws.com", "PutBucketPolicy", false, 2, (c, r) -> {
            ObjectNode request = bucketRequest(c, r, "policy");
            request.put("bucketPolicy", c.random().nextBoolean()
                    ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + request.get("bucketName").asText() + "/*\"}]}"
                    : "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                    + "\"Action\":\"s3:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}");
        });
        add("s3.amazonaws.com", "DeleteBucketPublicAccessBlock", false, 1, (c, r) -> bucketRequest(c, r, "publicAccessBlock"));
        add("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", false, 3, (c, r) -> {
            ObjectNode request = r.putObject("requestParameters");
            request.put("groupId", "sg-0" + Population.lowerHex(c.random(), 16));
            ObjectNode permission = request.putObject("ipPermissions").putArray("items").addObject();
            int port = pickInt(c.random(), 22, 3389, 443, 5432);
            permission.put("ipProtocol", "tcp").put("fromPort", port).put("toPort", port);
            permission.putObject("ipRanges").putArray("items").addObject()
                    .put("cidrIp", c.random().nextInt(3) == 0 ? "10.0.0.0/16" : "0.0.0.0/0");
            r.putObject("responseElements").put("_return", true);
        });
        add("kms.amazonaws.com", "ScheduleKeyDeletion", false, 1, (c, r) -> {
            String key = "arn:aws:kms:" + c.region() + ":" + c.account() + ":key/" + uuid(c.random());
            r.putObject("requestParameters").put("keyId", key).put("pendingWindowInDays", 7);
            r.putObject("responseElements").put("keyId", key).put("keyState", "PendingDeletion");
        });
        add("kms.amazonaws.com", "DisableKey", false, 1, (c, r) -> r.putObject("requestParameters")
                .put("keyId", uuid(c.random()).toString()));
        add("guardduty.amazonaws.com", "DeleteDetector", false, 1, (c, r) -> r.putObject("requestParameters")
                .put("detectorId", Population.lowerHex(c.random(), 32)));
        add("iam.amazonaws.com", "CreateAccessKey", false, 2, (c, r) -> {
            r.putObject("requestParameters").put("userName", c.actor().name());
            r.putObject("responseElements").putObject("accessKey").put("userName", c.actor().name())
                    .put("accessKeyId", "AKIA" + Population.upperId(c.random(), 16)).put("status", "Active");
        });
        add("iam.amazonaws.com", "CreateUser", false, 1, (c, r) -> r.putObject("requestParameters")
                .put("userName", "svc-" + Population.lowerHex(c.random(), 5)));
        add("iam.amazonaws.com", "AttachUserPolicy", false, 1, (c, r) -> r.putObject("requestParameters")
                .put("userName", c.actor().name()).put("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"));
        add("ec2.amazonaws.com", "DeleteFlowLogs", false, 1, (c, r) -> r.putObject("requestParameters")
                .putObject("DeleteFlowLogsRequest").putObject("FlowLogId").put("content", "fl-0" + Population.lowerHex(c.random(), 16)));
    }

    private static ObjectNode bucketRequest(EventContext c, ObjectNode record, String subresource) {
        ObjectNode request = record.putObject("requestParameters");
        String bucket = pick(c.random(), "app-assets", "build-artifacts", "data-lake-raw", "customer-exports")
                + "-" + c.account().substring(8);
        request.put("bucketName", bucket);
        request.put("Host", bucket + ".s3." + c.region() + ".amazonaws.com");
        if (subresource != null) {
            request.put(subresource, "");
        }
        return request;
    }

    private static void kmsRequest(EventContext c, ObjectNode record) {
        ObjectNode request = record.putObject("requestParameters");
        request.put("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
        request.put("keyId", "arn:aws:kms:" + c.region() + ":" + c.account() + ":key/"
                + new UUID(c.account().hashCode(), c.region().hashCode()));
        record.putArray("resources").addObject().put("accountId", c.account()).put("type", "AWS::KMS::Key")
                .put("ARN", request.get("keyId").asText());
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static int pickInt(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
