package org.cloudtrailopensearch.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The accounts and the identities acting in them, plus generators for the long tail of public IP
 * addresses and user agents (thousands of distinct values over a long run).
 */
final class Population {

    private static final String[] USER_NAMES = {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
        "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "ci-deployer",
        "backup-operator", "terraform", "monitoring-bot", "data-export"
    };
    private static final String[] ROLE_NAMES = {
        "AdministratorAccess", "ReadOnly", "DeveloperRole", "OrganizationAccountAccessRole", "GitHubActionsDeploy",
        "lambda-orders-processor", "ecsTaskExecutionRole", "SecurityAudit", "DataScientist", "Break-Glass"
    };
    private static final String[] SERVICES = {
        "ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "cloudformation.amazonaws.com",
        "config.amazonaws.com", "autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com",
        "guardduty.amazonaws.com", "backup.amazonaws.com", "s3.amazonaws.com"
    };
    private static final String[] OS = {
        "Linux/5.10.217-205.860.amzn2.x86_64", "Linux/6.1.90-99.173.amzn2023.x86_64", "Darwin/23.5.0",
        "Windows_NT/10.0.22631", "Linux/5.15.0-1063-aws", "Darwin/24.1.0", "Linux/6.8.0-45-generic"
    };
    private static final String[] CLI_COMMANDS = {
        "s3.ls", "s3.cp", "ec2.describe-instances", "iam.list-users", "sts.get-caller-identity",
        "logs.tail", "ssm.get-parameter", "cloudformation.deploy", "lambda.invoke", "kms.decrypt"
    };

    private final List<String> accountIds;
    private final List<List<Actor>> actorsByAccount;

    Population(long seed, int accounts, List<String> explicitAccountIds) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<String> ids = new ArrayList<>();
        if (explicitAccountIds != null && !explicitAccountIds.isEmpty()) {
            ids.addAll(explicitAccountIds);
        } else {
            for (int i = 0; i < accounts; i++) {
                ids.add(String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L)));
            }
        }
        this.accountIds = List.copyOf(ids);
        List<List<Actor>> actors = new ArrayList<>();
        for (String account : accountIds) {
            actors.add(List.copyOf(actorsOf(account, random)));
        }
        this.actorsByAccount = List.copyOf(actors);
    }

    List<String> accountIds() {
        return accountIds;
    }

    List<Actor> actors(String accountId) {
        return actorsByAccount.get(accountIds.indexOf(accountId));
    }

    private static List<Actor> actorsOf(String account, Random random) {
        List<Actor> actors = new ArrayList<>();
        for (String user : pickSome(USER_NAMES, 6 + random.nextInt(6), random)) {
            boolean console = random.nextInt(3) > 0 && !user.contains("-");
            actors.add(new Actor(IdentityType.IAM_USER, account, user, "AIDA" + upperId(random, 17),
                    "arn:aws:iam::" + account + ":user/" + user, null, null, publicIp(random),
                    console ? browserUserAgent(random) : toolUserAgent(random), random.nextBoolean(), console));
        }
        for (String role : pickSome(ROLE_NAMES, 5, random)) {
            String roleId = "AROA" + upperId(random, 17);
            String session = random.nextBoolean() ? pickOne(USER_NAMES, random) + "@example.com"
                    : "botocore-session-" + (1_700_000_000L + random.nextInt(90_000_000));
            actors.add(new Actor(IdentityType.ASSUMED_ROLE, account, session, roleId + ":" + session,
                    "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session, role, roleId,
                    publicIp(random), random.nextBoolean() ? browserUserAgent(random) : toolUserAgent(random),
                    random.nextBoolean(), random.nextInt(4) == 0));
        }
        actors.add(new Actor(IdentityType.ROOT, account, "root", account, "arn:aws:iam::" + account + ":root",
                null, null, publicIp(random), browserUserAgent(random), random.nextBoolean(), true));
        for (String service : pickSome(SERVICES, 5, random)) {
            actors.add(new Actor(IdentityType.AWS_SERVICE, account, service, null, null, null, null,
                    service, service, false, false));
        }
        String federated = pickOne(USER_NAMES, random);
        actors.add(new Actor(IdentityType.FEDERATED_USER, account, federated,
                account + ":" + federated, "arn:aws:sts::" + account + ":federated-user/" + federated,
                "sso-broker", "AIDA" + upperId(random, 17), publicIp(random), toolUserAgent(random), false, false));
        String directoryUser = pickOne(USER_NAMES, random) + ".sso";
        actors.add(new Actor(IdentityType.IDENTITY_CENTER_USER, account, directoryUser,
                lowerHex(random, 8) + "-" + lowerHex(random, 4) + "-" + lowerHex(random, 4) + "-"
                        + lowerHex(random, 4) + "-" + lowerHex(random, 12),
                null, "d-" + lowerHex(random, 10), null, publicIp(random), browserUserAgent(random), true, true));
        String partner = String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L));
        actors.add(new Actor(IdentityType.AWS_ACCOUNT, partner, "cross-account", "AIDA" + upperId(random, 17),
                null, null, null, publicIp(random), toolUserAgent(random), false, false));
        return actors;
    }

    /** A random public IPv4 address (no private, loopback, link-local, CGNAT or multicast ranges). */
    static String publicIp(Random random) {
        while (true) {
            int a = 1 + random.nextInt(223);
            int b = random.nextInt(256);
            if (a == 10 || a == 127 || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168)
                    || (a == 169 && b == 254) || (a == 100 && b >= 64 && b < 128) || a == 0) {
                continue;
            }
            return a + "." + b + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        }
    }

    /** A user agent from a large combinatorial space of real-looking SDK, CLI, IaC and browser agents. */
    static String randomUserAgent(Random random) {
        return random.nextInt(3) == 0 ? browserUserAgent(random) : toolUserAgent(random);
    }

    static String browserUserAgent(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                        + (118 + random.nextInt(14)) + ".0." + (5000 + random.nextInt(1500)) + "."
                        + random.nextInt(200) + " Safari/537.36";
            case 1:
                return "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/"
                        + (16 + random.nextInt(3)) + "." + random.nextInt(7) + " Safari/605.1.15";
            case 2:
                return "Mozilla/5.0 (X11; Linux x86_64; rv:" + (115 + random.nextInt(20)) + ".0) Gecko/20100101 Firefox/"
                        + (115 + random.nextInt(20)) + ".0";
            default:
                return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                        + (118 + random.nextInt(14)) + ".0.0.0 Safari/537.36 Edg/" + (118 + random.nextInt(14))
                        + ".0." + (2000 + random.nextInt(600)) + "." + random.nextInt(100);
        }
    }

    static String toolUserAgent(Random random) {
        String os = pickOne(OS, random);
        switch (random.nextInt(5)) {
            case 0:
                return "aws-cli/2." + (13 + random.nextInt(10)) + "." + random.nextInt(40) + " md/awscrt#0.2"
                        + random.nextInt(3) + "." + random.nextInt(5) + " ua/2.0 os/" + os.replace('/', '#')
                        + " md/arch#x86_64 lang/python#3.11." + random.nextInt(10) + " md/pyimpl#CPython cfg/retry-mode#standard"
                        + " md/installer#exe md/prompt#off md/command#" + pickOne(CLI_COMMANDS, random);
            case 1:
                int botocore = random.nextInt(150);
                return "Boto3/1.34." + botocore + " md/Botocore#1.34." + botocore + " ua/2.0 os/"
                        + os.replace('/', '#') + " md/arch#x86_64 lang/python#3.1" + random.nextInt(3) + "."
                        + random.nextInt(12) + " md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34." + botocore;
            case 2:
                return "aws-sdk-java/2." + (20 + random.nextInt(10)) + "." + random.nextInt(200) + " " + os
                        + " OpenJDK_64-Bit_Server_VM/17.0." + random.nextInt(14) + "+" + random.nextInt(12)
                        + " Java/17.0." + random.nextInt(14) + " vendor/Eclipse_Adoptium io/sync http/Apache"
                        + " cfg/retry-mode/legacy";
            case 3:
                return "APN/1.0 HashiCorp/1.0 Terraform/1." + (5 + random.nextInt(5)) + "." + random.nextInt(8)
                        + " (+https://www.terraform.io) terraform-provider-aws/5." + random.nextInt(80) + ".0"
                        + " (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.2"
                        + random.nextInt(10) + "." + random.nextInt(20) + " os/linux lang/go#1.2" + random.nextInt(4)
                        + "." + random.nextInt(10) + " md/GOOS#linux md/GOARCH#amd64";
            default:
                return "aws-sdk-go/1.5" + random.nextInt(5) + "." + random.nextInt(30) + " (go1.2" + random.nextInt(3)
                        + "." + random.nextInt(10) + "; linux; amd64)";
        }
    }

    static String upperId(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    static String lowerHex(Random random, int length) {
        StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    static String pickOne(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    private static List<String> pickSome(String[] values, int count, Random random) {
        List<String> pool = new ArrayList<>(List.of(values));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            picked.add(pool.remove(random.nextInt(pool.size())));
        }
        return picked;
    }
}
