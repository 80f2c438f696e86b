package org.cloudtrailopensearch.mapper.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.cloudtrailopensearch.mapper.RejectionReason;
import org.cloudtrailopensearch.mapper.json.EcsObject;
import org.cloudtrailopensearch.mapper.json.JsonValues;

/**
 * {@code user.*}, {@code service.name} and {@code aws.cloudtrail.user_identity.*}.
 *
 * <p>Identity contract (variant "P" of the reference): {@code user.id} is the raw {@code principalId}
 * ({@code AIDA…}, {@code AROA…:session}) because published detection rules key on it; {@code user.name} is the
 * acting principal (the IAM user, or the role name for assumed roles); AWS services acting on their own
 * (type AWSService, or a service-linked role) are not users: they get {@code service.name} and no {@code user.*}.
 */
final class IdentityFields {

    private static final String SERVICE_LINKED_ROLE_PATH = ":role/aws-service-role/";
    /** {@code user.name} of the account root user, whose records carry no user name (its ARN ends in {@code :root}). */
    static final String ROOT_USER_NAME = "root";

    private IdentityFields() {
    }

    static void map(MappingContext ctx, Set<String> adminUsers) {
        JsonNode identity = ctx.input(TopField.USER_IDENTITY);
        if (identity == null) {
            return;
        }
        EcsObject target = ctx.node("aws", "cloudtrail", "user_identity");
        for (Renames.Rename rename : Renames.USER_IDENTITY.rows()) {
            MappingContext.putText(target, rename.to(), JsonValues.text(identity, rename.from()));
        }
        String delegateAccount = JsonValues.text(JsonValues.object(identity, "invokedByDelegate"), "accountId");
        if (delegateAccount != null) {
            target.putObject("invoked_by_delegate").put("account_id", delegateAccount);
        }
        copyRenamed(JsonValues.object(identity, "inScopeOf"), Renames.IN_SCOPE_OF, target, "in_scope_of");
        JsonNode onBehalfOf = JsonValues.object(identity, "onBehalfOf");
        copyRenamed(onBehalfOf, Renames.ON_BEHALF_OF, target, "on_behalf_of");

        JsonNode session = JsonValues.object(identity, "sessionContext");
        JsonNode issuer = JsonValues.object(session, "sessionIssuer");
        mapSessionContext(ctx, session, issuer, target);

        String type = JsonValues.text(identity, "type");
        String principalId = JsonValues.text(identity, "principalId");
        String issuerArn = JsonValues.text(issuer, "arn");
        String invokedBy = JsonValues.text(identity, "invokedBy");
        boolean serviceLinkedRole = issuerArn != null && issuerArn.contains(SERVICE_LINKED_ROLE_PATH);
        if ("AWSService".equals(type) || serviceLinkedRole) {
            String service = invokedBy != null ? invokedBy : serviceOfLinkedRole(issuerArn);
            if (service != null) {
                ctx.node("service").put("name", service);
            }
            return;
        }

        EcsObject user = ctx.node("user");
        String userName = userName(ctx, type, identity, issuer);
        String userId = "IdentityCenterUser".equals(type) && principalId == null
                ? JsonValues.text(onBehalfOf, "userId") : principalId;
        MappingContext.putText(user, "id", userId);
        MappingContext.putText(user, "name", userName);
        MappingContext.addRelated(ctx.relatedUser, userName);
        if (userName != null && userName.indexOf('@') > 0) {
            user.put("email", userName);
        }
        String sessionName = sessionOrFederatedName(JsonValues.text(identity, "arn"));
        if (sessionName != null) {
            MappingContext.addRelated(ctx.relatedUser, sessionName);
            int at = sessionName.indexOf('@');
            if (at > 0) {
                MappingContext.addRelated(ctx.relatedUser, sessionName.substring(0, at));
                if (!user.has("email")) {
                    user.put("email", sessionName);
                }
            }
        }
        if (userName != null && adminUsers.contains(userName)) {
            user.putStrings("roles", List.of("admin"));
        }
        if (user.isEmpty()) {
            ctx.doc.remove("user");
        }
    }

    private static String userName(MappingContext ctx, String type, JsonNode identity, JsonNode issuer) {
        String issuerUserName = JsonValues.text(issuer, "userName");
        if (("AssumedRole".equals(type) || "FederatedUser".equals(type)) && issuerUserName != null
                && !issuerUserName.isEmpty()) {
            return issuerUserName;
        }
        if ("IdentityCenterUser".equals(type) && "UserAuthentication".equals(ctx.eventName)) {
            String name = JsonValues.text(ctx.inputObject(TopField.ADDITIONAL_EVENT_DATA), "UserName");
            if (name != null) {
                return name;
            }
        }
        String name = JsonValues.text(identity, "userName");
        if (name != null && !name.isEmpty()) {
            return name;
        }
        // The structured fields are missing: fall back to what the ARN says.
        String arn = JsonValues.text(identity, "arn");
        String role = roleOfAssumedRoleArn(arn);
        if (role != null) {
            return role;
        }
        String federated = nameOfFederatedUserArn(arn);
        if (federated != null) {
            return federated;
        }
        if ("Root".equals(type) || (arn != null && arn.startsWith("arn:") && arn.endsWith(":root"))) {
            return ROOT_USER_NAME;
        }
        return name;
    }

    /** {@code arn:aws:sts::1:assumed-role/Role/session} -> {@code Role}; null for any other ARN. */
    static String roleOfAssumedRoleArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        int start = arn.indexOf(":assumed-role/");
        if (start < 0 || !arn.contains(":sts:")) {
            return null;
        }
        start += ":assumed-role/".length();
        int end = arn.indexOf('/', start);
        return end > start ? arn.substring(start, end) : null;
    }

    /**
     * {@code arn:aws:sts::1:federated-user/bob} -> {@code bob}; null for any other ARN. The name is the one given to
     * GetFederationToken; it has no path, so everything after the first slash is the name.
     */
    static String nameOfFederatedUserArn(String arn) {
        if (arn == null || !arn.startsWith("arn:") || !arn.contains(":sts:")) {
            return null;
        }
        int start = arn.indexOf(":federated-user/");
        if (start < 0) {
            return null;
        }
        start += ":federated-user/".length();
        return start < arn.length() ? arn.substring(start) : null;
    }

    private static void mapSessionContext(MappingContext ctx, JsonNode session, JsonNode issuer, EcsObject target) {
        if (session == null) {
            return;
        }
        EcsObject mapped = new EcsObject();
        JsonNode attributes = JsonValues.object(session, "attributes");
        MappingContext.putText(mapped, "mfa_authenticated", JsonValues.text(attributes, "mfaAuthenticated"));
        String creationDate = JsonValues.text(attributes, "creationDate");
        if (creationDate != null) {
            Instant created = EcsDates.parseIsoOrBasic(creationDate);
            if (created == null) {
                throw new RecordRejectedException(RejectionReason.WRONG_TYPE,
                        "userIdentity.sessionContext.attributes.creationDate: not a date: " + creationDate);
            }
            mapped.put("creation_date", EcsDates.format(created));
        }
        copyRenamed(issuer, Renames.SESSION_ISSUER, mapped, "session_issuer");
        for (Renames.Rename rename : Renames.SESSION_CONTEXT.rows()) {
            MappingContext.putText(mapped, rename.to(), JsonValues.text(session, rename.from()));
        }
        JsonNode assumedRoot = session.get("assumedRoot");
        if (assumedRoot != null && assumedRoot.isValueNode()) {
            mapped.put("assumed_root", assumedRoot.isBoolean() ? assumedRoot.booleanValue()
                    : Boolean.parseBoolean(assumedRoot.asText()));
        }
        JsonNode webId = JsonValues.object(session, "webIdFederationData");
        if (webId != null) {
            EcsObject webTarget = mapped.putObject("web_id_federation_data");
            MappingContext.putText(webTarget, "federated_provider", JsonValues.text(webId, "federatedProvider"));
            JsonNode webAttributes = webId.get("attributes");
            if (webAttributes != null) {
                webTarget.set("attributes", ctx.embed(webAttributes));
            }
            if (webTarget.isEmpty()) {
                mapped.remove("web_id_federation_data");
            }
        }
        if (!mapped.isEmpty()) {
            target.set("session_context", mapped);
        }
    }

    /** {@code arn:aws:sts::1:assumed-role/Role/alice@example.com} -> {@code alice@example.com}; same for federated users. */
    static String sessionOrFederatedName(String arn) {
        if (arn == null || !arn.startsWith("arn:") || !arn.contains(":sts:")) {
            return null;
        }
        if (!arn.contains(":assumed-role/") && !arn.contains(":federated-user/")) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 || slash == arn.length() - 1 ? null : arn.substring(slash + 1);
    }

    /** {@code arn:aws:iam::1:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM} -> {@code ssm.amazonaws.com}. */
    private static String serviceOfLinkedRole(String issuerArn) {
        if (issuerArn == null) {
            return null;
        }
        int start = issuerArn.indexOf(SERVICE_LINKED_ROLE_PATH) + SERVICE_LINKED_ROLE_PATH.length();
        int end = issuerArn.indexOf('/', start);
        return end > start ? issuerArn.substring(start, end) : null;
    }

    private static void copyRenamed(JsonNode from, Renames renames, EcsObject parent, String targetName) {
        if (from == null) {
            return;
        }
        EcsObject mapped = null;
        for (Renames.Rename rename : renames.rows()) {
            String value = JsonValues.text(from, rename.from());
            if (value != null) {
                if (mapped == null) {
                    mapped = parent.putObject(targetName);
                }
                mapped.put(rename.to(), value);
            }
        }
    }
}
