package dev.oauth2jwt.token.control;

import dev.oauth2jwt.security.entity.Scope;
import dev.oauth2jwt.token.control.SigningKeys.SigningKey;
import dev.oauth2jwt.token.entity.VerifiedToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * Checks bearer tokens (RFC 8725): a compact JWS of at most 8 KiB, HS256 only, signed with a
 * configured key (chosen by {@code kid}, or the one whose signature matches when there is none),
 * {@code sub} a string, {@code exp} required and not further ahead than the longest lifetime we
 * issue, JSON nested at most 32 levels. Header parameters that would bring their own key
 * ({@code jwk}, {@code jku}, {@code x5u}...) are never used: keys come from configuration only.
 * An {@code iss} must be ours; with {@code JWT_ISSUER_REQUIRED} a token must have one.
 *
 * <p>A client presents the same token for its whole life: once a token has passed every check,
 * later presentations of the very same string skip the signature and parsing, and only the
 * checks that depend on the time ({@code exp}, {@code nbf}) are made again.
 */
@ApplicationScoped
public class TokenVerifier {

    public static final int MAX_TOKEN_CHARS = 8 * 1024;
    /** No honest token nests JSON this deep; refusing before the claims are parsed keeps parsers out of trouble. */
    static final int MAX_JSON_DEPTH = 32;
    /** Verified tokens remembered; a fixed bound, cleared when reached. */
    static final int CACHE_SIZE = 4096;

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

    Clock clock = Clock.systemUTC();
    private JwtConsumer consumer;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** A token that passed, with the bounds of its validity in epoch seconds. */
    private record Verified(VerifiedToken token, long expiresAt, long notBefore) {
    }

    @PostConstruct
    void build() {
        if (clockSkewSeconds < 0 || maxLifetimeMinutes < 1) {
            throw new IllegalStateException("JWT_CLOCK_SKEW_SECONDS must be 0 or more and JWT_MAX_LIFETIME_MINUTES "
                    + "at least 1; they are " + clockSkewSeconds + " and " + maxLifetimeMinutes);
        }
        // HMAC from the JDK's own provider by name: a direct lookup instead of a search on every token
        ProviderContext sunJce = new ProviderContext();
        sunJce.getSuppliedKeyProviderContext().setMacProvider("SunJCE");
        consumer = new JwtConsumerBuilder()
                .setJwsProviderContext(sunJce)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setVerificationKeyResolver(this::keyFor)
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(maxLifetimeMinutes)
                .setRequireSubject()
                .setExpectedIssuer(issuerRequired, issuer)
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .build();
    }

    /** The token, once its signature and claims check out. */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        Verified known = verified.get(token);
        if (known != null) {
            long now = clock.instant().getEpochSecond();
            if (now - clockSkewSeconds >= known.expiresAt()) {
                verified.remove(token);
                throw new InvalidTokenException("expired");
            }
            if (now + clockSkewSeconds < known.notBefore()) {
                throw new InvalidTokenException("not yet valid (nbf)");
            }
            return known.token();
        }
        Verified checked = check(token);
        if (verified.size() >= CACHE_SIZE) {
            verified.clear();
        }
        verified.put(token, checked);
        return checked.token();
    }

    /** Every check, ignoring what was verified before (for the benchmark of a first presentation). */
    VerifiedToken verifyFully(String token) throws InvalidTokenException {
        return check(token).token();
    }

    private Verified check(String token) throws InvalidTokenException {
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
        if (nestingDepth(claims.getRawJson()) > MAX_JSON_DEPTH) {
            throw new InvalidTokenException("JSON nested deeper than " + MAX_JSON_DEPTH + " levels");
        }
        try {
            long expiresAt = claims.getExpirationTime().getValue();
            long issuedAt = claims.hasClaim("iat") ? claims.getIssuedAt().getValue() : expiresAt - expireMinutes * 60L;
            long notBefore = claims.hasClaim("nbf") ? claims.getNotBefore().getValue() : Long.MIN_VALUE;
            Set<String> scopes = claims.hasClaim("scope")
                    ? Scope.parse(claims.getStringClaimValue("scope"))
                    : Scope.DEFAULTS;   // the seed's tokens have no scopes: they get what a scope-less login gets
            String sessionId = claims.getStringClaimValue("sid");
            return new Verified(new VerifiedToken(token, claims, claims.getSubject(), issuedAt, sessionId, Set.copyOf(scopes)),
                    expiresAt, notBefore);
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("a claim of the wrong type");
        }
    }

    /**
     * Picks the key for a token whose header jose4j has read: the one its {@code kid} names, or,
     * without a {@code kid}, the one its signature was made with. Refuses a deep header.
     */
    private Key keyFor(JsonWebSignature jws, List<JsonWebStructure> nesting) throws UnresolvableKeyException {
        if (nestingDepth(jws.getHeaders().getFullHeaderAsJsonString()) > MAX_JSON_DEPTH) {
            throw new UnresolvableKeyException("JSON nested deeper than " + MAX_JSON_DEPTH + " levels");
        }
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        if (kid != null) {
            if (!(kid instanceof String id)) {
                throw new UnresolvableKeyException("kid is not a string");
            }
            return keys.byId(id).map(SigningKey::key).orElseThrow(() -> new UnresolvableKeyException("unknown key id"));
        }
        List<SigningKey> all = keys.all();
        if (all.size() == 1) {
            return all.get(0).key();
        }
        // tokens without kid (a FastAPI service's, or ours from before a rotation): the key that signed it
        byte[] signature = Base64.getUrlDecoder().decode(jws.getEncodedSignature());
        byte[] input = (jws.getHeaders().getEncodedHeader() + "." + jws.getEncodedPayload()).getBytes(StandardCharsets.US_ASCII);
        for (SigningKey key : all) {
            if (MessageDigest.isEqual(signature, hmacSha256(key, input))) {
                return key.key();
            }
        }
        return all.get(0).key();   // none matches: the check fails as an invalid signature
    }

    private static byte[] hmacSha256(SigningKey key, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.key());
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Three base64url parts, the last one possibly empty; a plain loop, this runs on every request. */
    static boolean isCompactJws(String token) {
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

    /** How deep arrays and objects nest in a JSON text, strings skipped. */
    static int nestingDepth(String json) {
        if (json == null) {
            return 0;
        }
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
}
