package org.cloudtrailopensearch.generator;

/** The {@code userIdentity.type} values the generator produces. */
public enum IdentityType {
    IAM_USER("IAMUser"),
    ASSUMED_ROLE("AssumedRole"),
    ROOT("Root"),
    AWS_SERVICE("AWSService"),
    FEDERATED_USER("FederatedUser"),
    IDENTITY_CENTER_USER("IdentityCenterUser"),
    AWS_ACCOUNT("AWSAccount");

    private final String cloudTrailName;

    IdentityType(String cloudTrailName) {
        this.cloudTrailName = cloudTrailName;
    }

    public String cloudTrailName() {
        return cloudTrailName;
    }
}
