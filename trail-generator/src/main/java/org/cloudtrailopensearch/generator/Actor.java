package org.cloudtrailopensearch.generator;

/**
 * Someone (or some service) that makes API calls in one account; keeps a usual IP address and user agent
 * so the generated activity has recognisable habits, with occasional fresh ones.
 *
 * @param type         identity type
 * @param accountId    account the identity belongs to
 * @param name         user, role, session or service name
 * @param principalId  CloudTrail principal id (e.g. {@code AIDA...}, {@code AROA...:session})
 * @param arn          identity ARN, null for services
 * @param issuerName   role or user that issued the session (assumed roles, federated users)
 * @param issuerId     principal id of the issuer
 * @param homeIp       usual source IP address
 * @param homeUserAgent usual user agent
 * @param mfa          whether sessions are MFA-authenticated
 * @param consoleUser  whether this identity signs in to the console
 */
record Actor(
        IdentityType type,
        String accountId,
        String name,
        String principalId,
        String arn,
        String issuerName,
        String issuerId,
        String homeIp,
        String homeUserAgent,
        boolean mfa,
        boolean consoleUser) {
}
