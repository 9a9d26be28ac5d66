package dev.oauth2jwt.sso.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.grants.control.Grant;
import dev.oauth2jwt.grants.control.GrantResult;
import dev.oauth2jwt.grants.control.TokenRequest;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.throttling.control.LoginThrottle;
import dev.oauth2jwt.throttling.control.LoginThrottle.Attempt;
import dev.oauth2jwt.tokens.control.TokenIssuer;
import dev.oauth2jwt.tokens.control.UserClaims;
import dev.oauth2jwt.tokens.entity.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The authorization code grant at {@code POST /token} (RFC 6749 section 4.1.3), the single
 * sign-on's: the client (public, naming itself, or confidential, authenticated with its secret)
 * redeems its code, with its redirect URI and PKCE verifier, for an access token, a refresh token
 * of a new login session and, for {@code scope=openid}, an ID token. Refused codes count against
 * the client's address like failed logins, and are audited.
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements Grant {

    @Inject
    AuthorizationCodes codes;

    @Inject
    TokenIssuer issuer;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Override
    public String type() {
        return Client.AUTHORIZATION_CODE;
    }

    @Override
    public GrantResult grant(TokenRequest request) {
        Identification identified = request.client();
        Optional<GrantResult> refused = GrantResult.refusalOf(identified);
        if (refused.isPresent()) {
            return refused.get();
        }
        Client client = identified.identified().orElse(null);
        if (client == null) {
            return GrantResult.error("invalid_client");   // a code is redeemed by the client it was issued to: which one is this?
        }
        Optional<String> code = request.single("code");
        Optional<String> redirectUri = request.single("redirect_uri");
        if (code.isEmpty() || redirectUri.isEmpty() || request.repeated("code_verifier")) {
            return GrantResult.error("invalid_request");
        }
        String address = request.address();
        LoginThrottle.Verdict verdict = throttle.admit(Attempt.AUTHORIZATION_CODE, null, address);
        if (verdict.refused()) {
            return new GrantResult.Throttled(verdict.retryAfterSeconds());
        }
        if (!client.grantTypes().contains(Client.AUTHORIZATION_CODE)) {
            audit.clientAuthentication(Outcome.REFUSED, client.clientId(), address, "not registered for authorization_code");
            return GrantResult.error("unauthorized_client");
        }
        AuthorizationCodes.Redemption redemption = codes.redeem(code.get(), client.clientId(), redirectUri.get(),
                request.single("code_verifier").orElse(null));
        if (redemption instanceof AuthorizationCodes.Redemption.Refused refusal) {
            throttle.failed(Attempt.AUTHORIZATION_CODE, null, address, refusal.reason() + " (client " + client.clientId() + ")");
            return GrantResult.error("invalid_grant");
        }
        AuthorizationCodes.Redemption.Redeemed redeemed = (AuthorizationCodes.Redemption.Redeemed) redemption;
        IssuedToken access = issuer.issue(redeemed.user(), redeemed.scopes(), redeemed.sessionId(), client.clientId());
        String idToken = redeemed.scopes().contains(Scope.OPENID) && issuer.signsIdTokens()
                ? issuer.idToken(redeemed.user(), client.clientId(), new TokenIssuer.IdTokenContent(redeemed.authTime(), redeemed.nonce(),
                        UserClaims.released(redeemed.scopes(), redeemed.idTokenClaims()), redeemed.amr(), redeemed.ssoSessionId()),
                        access.token(), redeemed.scopes())
                : null;
        audit.login(Outcome.CODE_REDEEMED, redeemed.user().username(), address, "client " + client.clientId());
        return new GrantResult.Granted(access, redeemed.refreshToken(), idToken, 0);
    }
}
