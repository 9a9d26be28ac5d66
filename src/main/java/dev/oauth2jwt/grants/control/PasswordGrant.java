package dev.oauth2jwt.grants.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.sessions.control.LoginSessions;
import dev.oauth2jwt.signin.control.SignIn;
import dev.oauth2jwt.signin.control.SignIn.Channel;
import dev.oauth2jwt.tokens.control.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The password grant (RFC 6749 section 4.3), the seed's {@code login_for_access_token}: FastAPI's
 * form, the {@link SignIn}, a login session with the scopes asked for that the user has (the
 * defaults when none are asked), its access token and first refresh token. A wrong password or an
 * unknown user is FastAPI's 401; the grant answers every {@code grant_type} no other grant does,
 * with the form's 422 naming it.
 */
@ApplicationScoped
public class PasswordGrant implements Grant {

    @Inject
    SignIn signIn;

    @Inject
    LoginSessions sessions;

    @Inject
    TokenIssuer issuer;

    /** The login session a sign-in started, with the scopes it grants. */
    private record Session(LoginSessions.Started started, Set<String> scopes) {
    }

    @Override
    public String type() {
        return "password";
    }

    @Override
    public GrantResult grant(TokenRequest request) {
        PasswordGrantForm form = PasswordGrantForm.from(request.form());
        SignIn.Result<Session> result = signIn.signIn(form.username(), form.password(), request.address(), Channel.TOKEN_ENDPOINT,
                user -> {
                    Set<String> scopes = Scope.granted(form.scope(), user.scopes());
                    return sessions.start(user, scopes, request.address()).map(started -> new Session(started, scopes));
                });
        if (result instanceof SignIn.Result.SignedIn<Session> signedIn) {
            Session session = signedIn.session();
            return new GrantResult.Granted(issuer.issue(signedIn.user(), session.scopes(), session.started().sessionId()),
                    session.started().refreshToken(), null, signedIn.slowdownMillis());
        }
        if (result instanceof SignIn.Result.SecondFactorRequired<Session> secondFactor) {
            return new GrantResult.SecondFactorRequired(secondFactor.slowdownMillis());
        }
        if (result instanceof SignIn.Result.Throttled<Session> throttled) {
            return new GrantResult.Throttled(throttled.retryAfterSeconds());
        }
        return new GrantResult.WrongPassword(result instanceof SignIn.Result.Refused<Session> refused ? refused.slowdownMillis()
                : ((SignIn.Result.Disabled<Session>) result).slowdownMillis());
    }
}
