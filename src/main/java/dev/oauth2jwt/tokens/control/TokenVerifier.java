package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.KeyManager;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.tokens.entity.VerifiedToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Key;
import java.util.List;
import java.util.Set;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Checks bearer tokens with jose4j (RFC 8725): a compact JWS of at most 8 KiB, signed with a
 * configured key in that key's algorithm ({@link KeyManager} picks it: HS256 with a secret, RS256
 * or ES256 with a public key, never another), {@code sub} a string, {@code exp} required
 * and not further ahead than the longest lifetime we issue, JSON nested at most 32 levels. Header
 * parameters that would bring their own key ({@code jwk}, {@code jku}, {@code x5u}...) are never
 * used: keys come from configuration only. An {@code iss} must be ours; with
 * {@code JWT_ISSUER_REQUIRED} a token must have one; with {@code JWT_AUDIENCE} an {@code aud} of
 * ours, without it an {@code aud}, if any, must be ours ({@link TokenSettings#audiences}). Every
 * check, every time: remembering tokens that passed is {@link RememberedTokens}' job.
 */
@ApplicationScoped
public class TokenVerifier {

    public static final int MAX_TOKEN_CHARS = 8 * 1024;

    @Inject
    KeyManager keys;

    @Inject
    TokenSettings settings;

    private JwtConsumer consumer;

    @PostConstruct
    void build() {
        // HMAC from the JDK's own provider by name: a direct lookup instead of a search on every token
        ProviderContext sunJce = new ProviderContext();
        sunJce.getSuppliedKeyProviderContext().setMacProvider("SunJCE");
        // every algorithm a configured key may have; each key then admits its own only (KeyManager.keyFor)
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setJwsProviderContext(sunJce)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver(this::keyFor)
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(settings.maxLifetimeMinutes())
                .setRequireSubject()
                .setExpectedIssuer(settings.issuerRequired(), settings.issuer())
                .setAllowedClockSkewInSeconds(settings.clockSkewSeconds());
        // JWT_AUDIENCE: required; else, with RS256/ES256, the issuer our tokens carry (those from before it, none, still pass)
        if (!settings.audiences().isEmpty()) {
            builder.setExpectedAudience(settings.audienceRequired(), settings.audiences().toArray(String[]::new));
        }
        consumer = builder.build();
    }

    int clockSkewSeconds() {
        return settings.clockSkewSeconds();
    }

    /** The token, once its signature and claims check out. */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("token longer than " + MAX_TOKEN_CHARS + " characters");
        }
        if (!isCompactJws(token)) {
            throw new InvalidTokenException("not a compact JWS (three base64url parts)");
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(reason(e));
        }
        // jose4j's JSON parser does not recurse, so a deep payload is parsed safely; it is refused all the same
        if (JsonNesting.depth(claims.getRawJson()) > JsonNesting.MAX_DEPTH) {
            throw new InvalidTokenException("JSON nested deeper than " + JsonNesting.MAX_DEPTH + " levels");
        }
        // an ID token is for its client to learn who logged in, never a key to the API (OpenID Connect Core 3.1.3.7)
        if (claims.hasClaim("at_hash") || claims.hasClaim("nonce") || claims.hasClaim("auth_time")) {
            throw new InvalidTokenException("an ID token, not an access token");
        }
        // nor is a logout token (Back-Channel Logout 1.0 section 2.4), which an application received by POST
        if (claims.hasClaim("events")) {
            throw new InvalidTokenException("a logout token, not an access token");
        }
        try {
            long expiresAt = claims.getExpirationTime().getValue();
            long issuedAt = claims.hasClaim("iat") ? claims.getIssuedAt().getValue() : expiresAt - settings.expireMinutes() * 60L;
            long notBefore = claims.hasClaim("nbf") ? claims.getNotBefore().getValue() : Long.MIN_VALUE;
            Set<String> scopes = claims.hasClaim("scope")
                    ? Scope.parse(claims.getStringClaimValue("scope"))
                    : Scope.DEFAULTS;   // the seed's tokens have no scopes: they get what a scope-less login gets
            String sessionId = claims.getStringClaimValue("sid");
            List<String> audiences = claims.hasClaim("aud") ? List.copyOf(claims.getAudience()) : null;
            return new VerifiedToken(token, claims.getClaimsMap(), claims.getSubject(), issuedAt, sessionId, Set.copyOf(scopes),
                    expiresAt, notBefore, claims.getStringClaimValue("client_id"), audiences, claims.getIssuer(), claims.getJwtId());
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("a claim of the wrong type");
        }
    }

    /** The key for a token whose header jose4j has read; a deep header is refused before anything else. */
    private Key keyFor(JsonWebSignature jws, List<JsonWebStructure> nesting) throws UnresolvableKeyException {
        if (JsonNesting.depth(jws.getHeaders().getFullHeaderAsJsonString()) > JsonNesting.MAX_DEPTH) {
            throw new UnresolvableKeyException("JSON nested deeper than " + JsonNesting.MAX_DEPTH + " levels");
        }
        return keys.keyFor(jws);
    }

    /** Three base64url parts, the last one possibly empty; a plain loop, this runs on every request. */
    public static boolean isCompactJws(String token) {
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (partLength == 0 || ++dots > 2) {
                    return false;
                }
                partLength = 0;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2;
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
            if (cause instanceof UnresolvableKeyException) {
                return cause.getMessage();   // ours, from keyFor
            }
            if (cause instanceof InvalidAlgorithmException) {
                return "algorithm not permitted";
            }
            if (cause.getMessage() != null && cause.getMessage().contains("marked as critical")) {
                return "unsupported critical header";
            }
        }
        return "malformed token";
    }
}
