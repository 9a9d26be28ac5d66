package dev.oauth2jwt.grants.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.directory.control.DirectoryAccounts;
import dev.oauth2jwt.directory.control.DirectorySettings;
import dev.oauth2jwt.directory.control.DirectoryUnavailableException;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.sessions.control.RefreshTokens;
import dev.oauth2jwt.throttling.control.LoginThrottle;
import dev.oauth2jwt.throttling.control.LoginThrottle.Attempt;
import dev.oauth2jwt.tokens.control.TokenIssuer;
import dev.oauth2jwt.tokens.control.UserClaims;
import dev.oauth2jwt.tokens.entity.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The refresh grant (RFC 6749 section 6): the refresh token is spent for a new access token and a
 * new refresh token of the same login session, or refused ({@code invalid_grant}), refused ones
 * counting against the address like failed logins. A session an authorization code started is its
 * client's to refresh, and with {@code openid} gets a new ID token (OpenID Connect Core 12.2). A
 * directory account's refresh asks the directory first (at most every {@code LDAP_RECHECK_SECONDS}):
 * gone, disabled or locked there ends its sessions; its email, name and scopes are brought up to date.
 */
@ApplicationScoped
public class RefreshGrant implements Grant {

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    TokenIssuer issuer;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    DirectorySettings directory;

    @Inject
    DirectoryAccounts directoryAccounts;

    @Override
    public String type() {
        return "refresh_token";
    }

    @Override
    public GrantResult grant(TokenRequest request) {
        if (request.single("refresh_token").isEmpty()) {
            return GrantResult.error("invalid_request");
        }
        Identification client = request.client();
        var refused = GrantResult.refusalOf(client);
        if (refused.isPresent()) {
            return refused.get();
        }
        String clientId = client.identified().map(Client::clientId).orElse(null);
        LoginThrottle.Verdict verdict = throttle.admit(Attempt.REFRESH_TOKEN, null, request.address());
        if (verdict.refused()) {
            return new GrantResult.Throttled(verdict.retryAfterSeconds());
        }
        if (directory.configured()) {
            Optional<GrantResult> directorysWord = directorysWord(request);
            if (directorysWord.isPresent()) {
                return directorysWord.get();
            }
        }
        List<String> scope = request.form().get("scope");
        RefreshTokens.Exchange exchange = refreshTokens.rotate(request.single("refresh_token").get(),
                scope == null || scope.isEmpty() ? null : scope.get(0), clientId);
        if (!(exchange instanceof RefreshTokens.Exchange.Granted granted)) {
            throttle.failed(Attempt.REFRESH_TOKEN, null, request.address(), ((RefreshTokens.Exchange.Refused) exchange).reason());
            return GrantResult.error("invalid_grant");
        }
        audit.login(Outcome.REFRESHED, granted.user().username(), request.address(), null);
        IssuedToken access = issuer.issue(granted.user(), granted.scopes(), granted.sessionId(), clientId);
        // a new ID token as at the login: same sub, aud and auth_time, no nonce (OpenID Connect Core 12.2)
        String idToken = clientId != null && granted.authTime() != null && granted.scopes().contains(Scope.OPENID)
                && issuer.signsIdTokens()
                ? issuer.idToken(granted.user(), clientId, new TokenIssuer.IdTokenContent(granted.authTime(), null,
                        UserClaims.released(granted.scopes(), Set.of()), granted.amr(), granted.ssoSessionId()), access.token(), granted.scopes())
                : null;
        return new GrantResult.Granted(access, granted.refreshToken(), idToken, 0);
    }

    /** For a directory account's token that could be exchanged: refused when the directory ended it, 503 when it cannot say. */
    private Optional<GrantResult> directorysWord(TokenRequest request) {
        Optional<RefreshTokens.Active> active = refreshTokens.introspect(request.single("refresh_token").get());
        if (active.isEmpty() || !active.get().user().fromDirectory()) {
            return Optional.empty();
        }
        try {
            if (directoryAccounts.recheck(active.get().user()) == DirectoryAccounts.Recheck.ENDED) {
                audit.login(Outcome.REFRESH_REFUSED, active.get().user().username(), request.address(),
                        "gone, disabled or locked in the directory");
                return Optional.of(GrantResult.error("invalid_grant"));
            }
            return Optional.empty();
        } catch (DirectoryUnavailableException e) {
            return Optional.of(new GrantResult.Unavailable());
        }
    }
}
