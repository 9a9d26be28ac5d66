package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.auth.entity.IssuedToken;
import dev.oauth2jwt.clients.entity.Client;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The authorization code grant at {@code POST /token} (RFC 6749 section 4.1.3): the client (public,
 * or authenticated with its secret) redeems its code for an access token, a refresh token of a new
 * login session and, for {@code scope=openid}, an ID token. Refused codes count against the
 * client's address like failed logins, and are audited.
 */
@ApplicationScoped
public class AuthorizationCodeGrant {

    public sealed interface Result {
        record Granted(IssuedToken accessToken, String refreshToken, String idToken) implements Result {
        }

        /** {@code invalid_grant}: unknown, spent, expired, another client's, or a wrong verifier or redirect URI. */
        record InvalidGrant() implements Result {
        }

        /** {@code unauthorized_client}: the client is not registered for this grant. */
        record UnauthorizedClient() implements Result {
        }

        record Throttled(long retryAfterSeconds) implements Result {
        }
    }

    @Inject
    AuthorizationCodes codes;

    @Inject
    TokenIssuer issuer;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    public Result grant(Client client, String code, String redirectUri, String codeVerifier, String address) {
        LoginThrottle.Verdict verdict = throttle.check(null, address);
        if (verdict.refused()) {
            audit.loginThrottled(null, address, "authorization code, retry after " + verdict.retryAfterSeconds() + " s");
            return new Result.Throttled(verdict.retryAfterSeconds());
        }
        if (!client.grantTypes().contains(Client.AUTHORIZATION_CODE)) {
            audit.clientAuthentication("refused", client.clientId(), address, "not registered for authorization_code");
            return new Result.UnauthorizedClient();
        }
        AuthorizationCodes.Redemption redemption = codes.redeem(code, client.clientId(), redirectUri, codeVerifier);
        if (redemption instanceof AuthorizationCodes.Redemption.Refused refused) {
            throttle.recordFailure(null, address);
            audit.login("code refused", null, address, refused.reason() + " (client " + client.clientId() + ")");
            return new Result.InvalidGrant();
        }
        AuthorizationCodes.Redemption.Redeemed redeemed = (AuthorizationCodes.Redemption.Redeemed) redemption;
        IssuedToken access = issuer.issue(redeemed.user(), redeemed.scopes(), redeemed.sessionId(), client.clientId());
        String idToken = redeemed.scopes().contains(Scope.OPENID) && issuer.signsIdTokens()
                ? issuer.idToken(redeemed.user(), client.clientId(), new TokenIssuer.IdTokenContent(redeemed.authTime(), redeemed.nonce(),
                        UserClaims.released(redeemed.scopes(), redeemed.idTokenClaims())), access.token(), redeemed.scopes())
                : null;
        audit.login("code redeemed", redeemed.user().username(), address, "client " + client.clientId());
        return new Result.Granted(access, redeemed.refreshToken(), idToken);
    }
}
