package dev.oauth2jwt.token.control;

import dev.oauth2jwt.security.entity.Scope;
import dev.oauth2jwt.token.control.SigningKeys.SigningKey;
import dev.oauth2jwt.token.entity.VerifiedToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.JoseException;

/**
 * Checks bearer tokens (RFC 8725): a compact JWS of at most 8 KiB, HS256 only, signed with a
 * configured key (chosen by {@code kid}, or each tried in turn when there is none), {@code sub} a
 * string, {@code exp} required and not further ahead than the longest lifetime we issue.
 * Header parameters that would bring their own key ({@code jwk}, {@code jku}, {@code x5u}...)
 * are never used: keys come from configuration only. An {@code iss} must be ours; with
 * {@code JWT_ISSUER_REQUIRED} a token must have one (by default a FastAPI service's tokens,
 * with {@code sub} and {@code exp} only, are accepted).
 */
@ApplicationScoped
public class TokenVerifier {

    public static final int MAX_TOKEN_CHARS = 8 * 1024;
    /** No honest token nests JSON this deep; refusing before parsing keeps parsers out of trouble. */
    static final int MAX_JSON_DEPTH = 32;
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "jwt.clock-skew-seconds")
    int clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "jwt.max-lifetime-minutes")
    int maxLifetimeMinutes;

    @Inject
    @ConfigProperty(name = "jwt.expire-minutes")
    int expireMinutes;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "jwt.issuer-required")
    boolean issuerRequired;

    /** One consumer per key id, the current key first. */
    private Map<String, JwtConsumer> consumers;

    @PostConstruct
    void build() {
        if (clockSkewSeconds < 0 || maxLifetimeMinutes < 1) {
            throw new IllegalStateException("JWT_CLOCK_SKEW_SECONDS must be 0 or more and JWT_MAX_LIFETIME_MINUTES "
                    + "at least 1; they are " + clockSkewSeconds + " and " + maxLifetimeMinutes);
        }
        consumers = new LinkedHashMap<>();
        for (SigningKey key : keys.all()) {
            consumers.put(key.id(), new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                    .setVerificationKey(key.key())
                    .setRequireExpirationTime()
                    .setMaxFutureValidityInMinutes(maxLifetimeMinutes)
                    .setRequireSubject()
                    .setExpectedIssuer(issuerRequired, issuer)
                    .setAllowedClockSkewInSeconds(clockSkewSeconds)
                    .build());
        }
    }

    /** The token, once its signature and claims check out. */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        JwtClaims claims = verifiedClaims(token);
        try {
            long issuedAt = claims.hasClaim("iat")
                    ? claims.getIssuedAt().getValue()
                    : claims.getExpirationTime().getValue() - expireMinutes * 60L;
            Set<String> scopes = claims.hasClaim("scope")
                    ? Scope.parse(claims.getStringClaimValue("scope"))
                    : Scope.DEFAULTS;   // the seed's tokens have no scopes: they get what a scope-less login gets
            return new VerifiedToken(token, claims, claims.getSubject(), issuedAt, scopes);
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("a claim of the wrong type");
        }
    }

    private JwtClaims verifiedClaims(String token) throws InvalidTokenException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("token longer than " + MAX_TOKEN_CHARS + " characters");
        }
        if (!COMPACT_JWS.matcher(token).matches()) {
            throw new InvalidTokenException("not a compact JWS (three base64url parts)");
        }
        String[] parts = token.split("\\.", -1);
        String header = decoded(parts[0], "header");
        if (nestingDepth(header) > MAX_JSON_DEPTH || nestingDepth(decoded(parts[1], "payload")) > MAX_JSON_DEPTH) {
            throw new InvalidTokenException("JSON nested deeper than " + MAX_JSON_DEPTH + " levels");
        }
        String keyId = keyId(header);
        if (keyId != null) {
            JwtConsumer consumer = consumers.get(keyId);
            if (consumer == null) {
                throw new InvalidTokenException("unknown key id");
            }
            return process(consumer, token);
        }
        InvalidTokenException first = null;
        for (JwtConsumer consumer : consumers.values()) {
            try {
                return process(consumer, token);
            } catch (InvalidTokenException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    private static JwtClaims process(JwtConsumer consumer, String token) throws InvalidTokenException {
        try {
            return consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(reason(e));
        }
    }

    /**
     * Why jose4j refused, in words of our own: its messages quote the token and its claims, which
     * must never reach a log.
     */
    static String reason(InvalidJwtException refusal) {
        for (var detail : refusal.getErrorDetails()) {
            String reason = switch (detail.getErrorCode()) {
                case ErrorCodes.EXPIRED -> "expired";
                case ErrorCodes.EXPIRATION_MISSING -> "no exp claim";
                case ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE -> "exp too far in the future";
                case ErrorCodes.NOT_YET_VALID -> "not yet valid (nbf)";
                case ErrorCodes.SIGNATURE_INVALID -> "invalid signature";
                case ErrorCodes.SIGNATURE_MISSING -> "not signed";
                case ErrorCodes.SUBJECT_MISSING -> "no sub claim";
                case ErrorCodes.SUBJECT_INVALID -> "invalid sub claim";
                case ErrorCodes.AUDIENCE_INVALID, ErrorCodes.AUDIENCE_MISSING -> "unexpected aud claim";
                case ErrorCodes.ISSUER_INVALID -> "another issuer";
                case ErrorCodes.ISSUER_MISSING -> "no iss claim";
                case ErrorCodes.JSON_INVALID -> "invalid JSON";
                case ErrorCodes.MALFORMED_CLAIM -> "a claim of the wrong type";
                default -> null;
            };
            if (reason != null) {
                return reason;
            }
        }
        for (Throwable cause = refusal.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidAlgorithmException) {
                return "algorithm not permitted";
            }
            if (cause.getMessage() != null && cause.getMessage().contains("marked as critical")) {
                return "unsupported critical header";
            }
        }
        return "malformed token";
    }

    private static String decoded(String part, String name) throws InvalidTokenException {
        try {
            return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(name + " is not base64url");
        }
    }

    /** How deep arrays and objects nest in a JSON text, strings skipped. */
    static int nestingDepth(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    /** The header's {@code kid}, read before verification only to pick the key; null if absent. */
    private static String keyId(String headerJson) throws InvalidTokenException {
        Map<String, Object> header;
        try {
            header = JsonUtil.parseJson(headerJson);
        } catch (JoseException e) {
            throw new InvalidTokenException("header is not JSON");
        }
        Object kid = header.get("kid");
        if (kid != null && !(kid instanceof String)) {
            throw new InvalidTokenException("kid is not a string");
        }
        return (String) kid;
    }
}
