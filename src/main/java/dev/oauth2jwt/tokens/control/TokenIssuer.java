package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.KeyManager;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.keys.entity.SigningKey;
import dev.oauth2jwt.tokens.entity.IssuedToken;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs access tokens with the current key in its algorithm (HS256 by default), header
 * {@code {"alg":...,"typ":"JWT","kid":...}} ({@code typ} per {@code JWT_TOKEN_TYPE}), claims {@code sub} and {@code exp} as the seed,
 * {@code scope} as FastAPI's scopes chapter, {@code iat}, {@code jti}, {@code iss}, {@code upn},
 * {@code groups} for MicroProfile JWT consumers, {@code aud} ({@link #audiences}), and
 * {@code sid}, the login session, by which the token is revoked with it. {@code sub} is the
 * username (the seed's, which a FastAPI service sharing the secret reads), or with
 * {@code ACCESS_TOKEN_SUBJECT=id} the account's subject identifier; {@code upn} is always the
 * username, so MicroProfile JWT names the caller by it either way. A user's token always has
 * {@code upn}, a client's own never: that, not the names, tells them apart.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    KeyManager keys;

    @Inject
    TokenSettings settings;

    Clock clock = Clock.systemUTC();

    /**
     * An access token of a login session for the user with the granted scopes. A disabled user's
     * token (the seed lets them log in) names no {@code groups}: a MicroProfile JWT consumer, which
     * knows nothing of disabled accounts, must grant it nothing.
     */
    public IssuedToken issue(User user, Set<String> scopes, String sessionId) {
        return issue(user, scopes, sessionId, null);
    }

    /**
     * As above, for a client the user logged in to with a code: it is named in {@code client_id}
     * (RFC 9068 section 2.2). {@code groups} lists the API scopes only, not OpenID Connect's.
     */
    public IssuedToken issue(User user, Set<String> scopes, String sessionId, String clientId) {
        JwtClaims claims = claims(settings.subjectIsId() ? user.subject() : user.username());
        claims.setClaim("sid", sessionId);
        claims.setClaim("upn", user.username());
        if (clientId != null) {
            claims.setClaim("client_id", clientId);
        }
        if (!user.disabled()) {
            claims.setStringListClaim("groups", Scope.apiScopes(scopes));
        }
        claims.setClaim("scope", String.join(" ", scopes));
        return sign(claims, scopes);
    }

    /** Whether ID tokens can be signed: only with an asymmetric key, which the client can check without our secret. */
    public boolean signsIdTokens() {
        return settings.signsIdTokens();
    }

    /**
     * What an ID token says besides who and for whom: the login's time and nonce, the claims
     * released, how the login was proven, and the browser login ({@code sid}, which a logout token
     * names again: Back-Channel Logout 1.0 section 2.4).
     */
    public record IdTokenContent(long authTimeMillis, String nonce, Set<String> claims, AuthenticationMethods amr, String sessionId) {
    }

    /**
     * An OpenID Connect ID token (Core section 2) for the client: {@code sub} the account's subject
     * identifier, never reassigned; {@code aud} and {@code azp} the client, {@code nonce} as it sent
     * it (none at a refresh, section 12.2), {@code auth_time} of the browser login, {@code acr} and {@code amr} of how it was proven ({@link AuthenticationMethods}),
     * {@code sid} the browser login,
     * {@code at_hash} of the access token issued beside it (section 3.1.3.6), and the claims about
     * the user released by the scopes or asked for by name ({@link UserClaims}). Never accepted as
     * an access token ({@link TokenVerifier} refuses its claims).
     */
    public String idToken(User user, String clientId, IdTokenContent content, String accessToken, Set<String> scopes) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.issuer());
        claims.setSubject(user.subject());
        claims.setAudience(clientId);
        claims.setClaim("azp", clientId);
        claims.setExpirationTime(NumericDate.fromSeconds(now + settings.expireMinutes() * 60L));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setClaim("auth_time", content.authTimeMillis() / 1000);
        if (content.nonce() != null) {
            claims.setClaim("nonce", content.nonce());
        }
        claims.setClaim("acr", content.amr().acr());
        claims.setStringListClaim("amr", content.amr().claim());
        claims.setClaim("at_hash", leftHalfHash(accessToken));
        if (content.sessionId() != null) {
            claims.setClaim("sid", content.sessionId());
        }
        UserClaims.of(user, content.claims()).forEach(claims::setClaim);
        return sign(claims, scopes).token();
    }

    /** The event a logout token announces (Back-Channel Logout 1.0 section 2.4). */
    public static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** How long a logout token is good for: it is signed at each attempt to deliver it, so a short while does. */
    static final long LOGOUT_TOKEN_SECONDS = 120;

    /**
     * A logout token (Back-Channel Logout 1.0 section 2.4) for the client: {@code iss}, {@code aud}
     * the client, {@code iat}, {@code exp}, a fresh {@code jti}, {@code events} with the
     * back-channel logout event, {@code sub} the account's subject identifier as in its ID tokens,
     * {@code sid} the browser login as in its ID tokens; never a {@code nonce}. Typed
     * {@code logout+jwt} (section 2.4), signed as ID tokens are.
     */
    public String logoutToken(String clientId, String subject, String sid) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.issuer());
        claims.setAudience(clientId);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + LOGOUT_TOKEN_SECONDS));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setSubject(subject);
        claims.setClaim("sid", sid);
        claims.setClaim("events", Map.of(BACKCHANNEL_LOGOUT_EVENT, Map.of()));
        return sign(claims, Set.of(), "logout+jwt").token();
    }

    /** {@code at_hash}: the left half of the access token's SHA-256 (RS256 and ES256 both hash with SHA-256), base64url. */
    static String leftHalfHash(String token) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An access token of a client for itself (the client credentials grant): {@code sub} and
     * {@code client_id} are the client's id (RFC 9068 section 2.2), no user; {@code sid} names the
     * secret it was got with ({@link Client#tokenStamp}).
     */
    public IssuedToken issueForClient(Client client, Set<String> scopes) {
        JwtClaims claims = claims(client.clientId());
        claims.setClaim("client_id", client.clientId());
        claims.setClaim("sid", client.tokenStamp());
        claims.setStringListClaim("groups", List.copyOf(scopes));
        claims.setClaim("scope", String.join(" ", scopes));
        return sign(claims, scopes);
    }

    private JwtClaims claims(String tokenSubject) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setSubject(tokenSubject);
        claims.setExpirationTime(NumericDate.fromSeconds(now + settings.expireMinutes() * 60L));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuer(settings.issuer());
        List<String> audiences = settings.audiences();
        if (audiences.size() == 1) {
            claims.setAudience(audiences.get(0));
        } else if (!audiences.isEmpty()) {
            claims.setAudience(audiences);
        }
        return claims;
    }

    /** Signed with the current key, in its algorithm. */
    private IssuedToken sign(JwtClaims claims, Set<String> scopes) {
        return sign(claims, scopes, settings.tokenType());
    }

    private IssuedToken sign(JwtClaims claims, Set<String> scopes, String type) {
        SigningKey key = keys.current();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(key.algorithm().jws());
        jws.setHeader("typ", type);
        jws.setKeyIdHeaderValue(key.id());
        jws.setPayload(claims.toJson());
        jws.setKey(key.key());
        try {
            return new IssuedToken(jws.getCompactSerialization(), settings.expireMinutes() * 60L, scopes);
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }
}
