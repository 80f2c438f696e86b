package org.cloudtrailopensearch.loader.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request the way AWS does: parses its {@code Authorization: AWS4-HMAC-SHA256 ...} header and recomputes
 * the signature from the request as received and the secret key (AWS Signature Version 4, "Create a canonical
 * request" / "Create a string to sign" / "Calculate the signature"). Written for the test, independent of the SDK.
 */
public final class SigV4Check {

    public static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9]+)/aws4_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    /** The parts of a well-formed header. */
    public record Signature(String accessKey, String date, String region, String service, List<String> signedHeaders,
            String signature) {
    }

    private SigV4Check() {
    }

    /** The header's parts; throws if it is not a well-formed SigV4 header. */
    public static Signature parse(String authorization) {
        Matcher matcher = AUTHORIZATION.matcher(String.valueOf(authorization));
        if (!matcher.matches()) {
            throw new AssertionError("not a SigV4 Authorization header: " + authorization);
        }
        return new Signature(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
                List.of(matcher.group(5).split(";")), matcher.group(6));
    }

    /** The signature the request should carry, given the secret key. */
    public static String expectedSignature(FakeHttpServer.Request request, String secretKey) {
        Signature signature = parse(request.header("authorization"));
        String amzDate = request.header("x-amz-date");
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(request.path()).append('\n')
                .append(canonicalQuery(request.query())).append('\n');
        for (String name : signature.signedHeaders()) {
            canonical.append(name).append(':').append(request.header(name).strip().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(String.join(";", signature.signedHeaders())).append('\n');
        String payloadHash = request.header("x-amz-content-sha256");
        canonical.append(payloadHash != null ? payloadHash : sha256Hex(request.body()));
        String scope = signature.date() + "/" + signature.region() + "/" + signature.service() + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), signature.date());
        key = hmac(key, signature.region());
        key = hmac(key, signature.service());
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, toSign));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, String> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            sorted.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        StringBuilder query = new StringBuilder();
        sorted.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(name).append('=').append(value));
        return query.toString();
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
