package dev.oauth2jwt.sso.control;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.tokens.control.IdTokenHints;
import dev.oauth2jwt.tokens.control.UserClaims;
import dev.oauth2jwt.tokens.control.TokenIssuer;
import dev.oauth2jwt.sso.entity.AuthorizationGrant;
import dev.oauth2jwt.clients.control.ClientAuthenticator;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.clients.entity.RedirectUris;
import dev.oauth2jwt.sso.entity.AuthorizationRequest;
import dev.oauth2jwt.sso.entity.BrowserLogin;
import dev.oauth2jwt.sso.entity.ClaimsRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the authorization endpoint (RFC 6749 section 4.1, RFC 7636, RFC 9700, OpenID Connect
 * Core 3.1.2): first the client and its exact redirect URI, without which nothing may be sent
 * anywhere (an error page instead); then everything else, whose errors go back to the client.
 */
@ApplicationScoped
public class Authorizations {

    /** BASE64URL(SHA256(verifier)): 43 characters. */
    static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final int MAX_STATE = 2048;
    static final int MAX_NONCE = 512;
    /** max_age: whole seconds, at most about 31 years. */
    static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,9}");

    /** What to do with a request. */
    public sealed interface Check {
        /** Nowhere safe to send the browser: an error page with this message. */
        record ErrorPage(String message) implements Check {
        }

        /** Back to the client's redirect URI with an error (RFC 6749 section 4.1.2.1). */
        record ErrorRedirect(String error, String description) implements Check {
        }

        /**
         * Go on: the client, the claims asked for, and the account the request must be answered for
         * ({@code id_token_hint}'s or the {@code claims} request's {@code sub}; null: any).
         */
        record Valid(Client client, ClaimsRequest claims, String expectedSubject, boolean secondFactorAsked) implements Check {

            public Valid(Client client, ClaimsRequest claims, String expectedSubject) {
                this(client, claims, expectedSubject, client.requireMfa());
            }
        }
    }

    @Inject
    ClientAuthenticator clients;

    @Inject
    TokenIssuer issuer;

    @Inject
    AuthorizationCodes codes;

    @Inject
    AuditLog audit;

    @Inject
    IdTokenHints hints;

    /**
     * Checks a request that arrived at {@code ownOrigin} (scheme, host and port as the browser asked:
     * the built-in docs client's codes go only to that server's own docs page).
     */
    public Check check(AuthorizationRequest request, String ownOrigin) {
        Client client = clients.find(request.clientId()).orElse(null);
        if (client == null) {
            return new Check.ErrorPage("The application that sent you here (client_id) is not registered.");
        }
        if (request.redirectUri() == null || request.redirectUri().length() > RedirectUris.MAX_LENGTH
                || !redirectAllowed(client, request.redirectUri(), ownOrigin)) {
            return new Check.ErrorPage("The address to return to (redirect_uri) is not registered for this application.");
        }
        if (request.unsupported() != null) {
            return new Check.ErrorRedirect(request.unsupported() + "_not_supported", request.unsupported() + " is not supported");
        }
        if (!"code".equals(request.responseType())) {
            return new Check.ErrorRedirect("unsupported_response_type", "response_type must be code");
        }
        if (!client.grantTypes().contains(Client.AUTHORIZATION_CODE)) {
            return new Check.ErrorRedirect("unauthorized_client", "the client is not registered for authorization_code");
        }
        boolean openId = Scope.parse(request.scope()).contains(Scope.OPENID);
        if (openId && !issuer.signsIdTokens()) {
            return new Check.ErrorPage("OpenID Connect needs an asymmetric signing key: this server signs with HS256, "
                    + "whose ID tokens no application could verify. Set JWT_ALGORITHM to RS256 or ES256.");
        }
        if (request.state() != null && request.state().length() > MAX_STATE) {
            // never copied into a redirect: the error page says it
            return new Check.ErrorPage("The request's state is longer than " + MAX_STATE + " characters.");
        }
        if (request.nonce() != null && request.nonce().length() > MAX_NONCE) {
            return new Check.ErrorRedirect("invalid_request", "nonce too long");
        }
        if (request.prompt() != null && !Set.of("none", "login").contains(request.prompt())) {
            return new Check.ErrorRedirect("invalid_request", "prompt must be none or login");
        }
        if (request.responseMode() != null && !"query".equals(request.responseMode())) {
            return new Check.ErrorRedirect("invalid_request", "response_mode must be query");
        }
        if (request.maxAge() != null && !MAX_AGE.matcher(request.maxAge()).matches()) {
            return new Check.ErrorRedirect("invalid_request", "max_age must be a number of seconds");
        }
        Optional<ClaimsRequest> claims = ClaimsRequest.parse(request.claims(), Set.copyOf(UserClaims.HELD));
        if (claims.isEmpty()) {
            return new Check.ErrorRedirect("invalid_request", "claims must be a JSON object with the members id_token and userinfo");
        }
        if (!claims.get().acrSatisfiableBy(AuthenticationMethods.ACR_VALUES)) {
            // OpenID Connect Core 5.5.1.1: an essential acr that cannot be met fails the authentication
            return new Check.ErrorRedirect("unmet_authentication_requirements", "the essential acr asked for is not offered");
        }
        Optional<String> hinted = Optional.empty();
        if (request.idTokenHint() != null) {
            hinted = hints.read(request.idTokenHint()).map(IdTokenHints.Hint::subject);
            if (hinted.isEmpty()) {
                return new Check.ErrorRedirect("invalid_request", "id_token_hint is not an ID token of this server");
            }
        }
        if (hinted.isPresent() && claims.get().subject() != null && !hinted.get().equals(claims.get().subject())) {
            return new Check.ErrorRedirect("invalid_request", "id_token_hint and the claims request name different users");
        }
        Check pkce = pkce(request, client);
        boolean secondFactorAsked = client.requireMfa() || asksSecondFactor(request.acrValues())
                || claims.get().demandsAcr(AuthenticationMethods.SECOND_FACTOR_ACR, AuthenticationMethods.PASSWORD_ACR);
        return pkce != null ? pkce : new Check.Valid(client, claims.get(), hinted.orElse(claims.get().subject()), secondFactorAsked);
    }

    /**
     * Whether {@code acr_values} (OpenID Connect Core 3.1.2.1: in order of preference) asks for a
     * second factor: the first of its values this server offers is {@code "2"}.
     */
    static boolean asksSecondFactor(String acrValues) {
        if (acrValues == null) {
            return false;
        }
        for (String value : acrValues.strip().split(" +")) {
            if (AuthenticationMethods.ACR_VALUES.contains(value)) {
                return AuthenticationMethods.SECOND_FACTOR_ACR.equals(value);
            }
        }
        return false;
    }

    /**
     * PKCE with S256 (plain is never accepted); without it only for a confidential client the
     * administrator registered without ({@code require_pkce: false}), nonce or not (OpenID Connect
     * Core 3.1.2.1: optional in the code flow). Null when it holds.
     */
    static Check pkce(AuthorizationRequest request, Client client) {
        if (request.codeChallenge() == null) {
            if (request.codeChallengeMethod() != null) {
                return new Check.ErrorRedirect("invalid_request", "code_challenge_method without code_challenge");
            }
            if (client.requirePkce()) {
                return new Check.ErrorRedirect("invalid_request", "code_challenge required (PKCE, S256)");
            }
            return null;
        }
        if (!"S256".equals(request.codeChallengeMethod())) {
            // absent means plain (RFC 7636 section 4.3), which a stolen authorization request would reveal
            return new Check.ErrorRedirect("invalid_request", "code_challenge_method must be S256; plain is not supported");
        }
        if (!S256_CHALLENGE.matcher(request.codeChallenge()).matches()) {
            return new Check.ErrorRedirect("invalid_request", "code_challenge must be 43 base64url characters");
        }
        return null;
    }

    /** Exactly a registered URI; for the docs and account clients, this server's own docs or account page. */
    static boolean redirectAllowed(Client client, String redirectUri, String ownOrigin) {
        if (client.isDocs()) {
            return redirectUri.equals(ownOrigin + Client.DOCS_REDIRECT_PATH);
        }
        if (client.isAccount()) {
            return redirectUri.equals(ownOrigin + Client.ACCOUNT_PATH);
        }
        return client.redirectUris().contains(redirectUri);
    }

    /**
     * A code for the browser's login: the API scopes the user and the client both have, OpenID's
     * asked for, and the claims asked for by name.
     */
    public String issueCode(Check.Valid valid, AuthorizationRequest request, BrowserLogin login, String address) {
        Client client = valid.client();
        Set<String> allowed = new LinkedHashSet<>(login.user().scopes());
        allowed.retainAll(client.scopes());
        Set<String> scopes = Scope.grantedWithIdentity(request.scope(), allowed);
        String code = codes.issue(new AuthorizationGrant(client.clientId(), request.redirectUri(), login.user().id(),
                login.user().securityStamp(), login.sessionId(), scopes, request.nonce(), request.codeChallenge(),
                login.authTime(), valid.claims().idToken(), valid.claims().userinfo(), login.expiresAt(), login.amr()));
        audit.login(Outcome.CODE_ISSUED, login.user().username(), address, "client " + client.clientId());
        return code;
    }

    /** How a valid request is answered. */
    public enum Answer {
        /** With a code, from the browser's login: no password asked. */
        CODE,
        /** {@code prompt=none} and no login that may answer: {@code login_required}, back to the client. */
        LOGIN_REQUIRED,
        /** The login page. */
        LOGIN_PAGE
    }

    /**
     * Whether the browser's login (if any) answers the request at {@code now} (epoch ms) with a code:
     * not when the client asks for a login ({@code prompt=login}), not when the user logged in longer
     * ago than {@code max_age} allows, not when the request names another account (OpenID Connect
     * Core 3.1.2.1), not when it asks for a second factor the login was not proven with (acr_values,
     * an essential acr, the client's require_mfa); otherwise a login, which {@code prompt=none} forbids.
     */
    public static Answer answer(Check.Valid valid, AuthorizationRequest request, Optional<BrowserLogin> login, long now) {
        if (login.isPresent() && !"login".equals(request.prompt()) && !tooLongAgo(login.get(), request, now)
                && answersFor(valid, login.get()) && (!valid.secondFactorAsked() || login.get().amr().secondFactor())) {
            return Answer.CODE;
        }
        return "none".equals(request.prompt()) ? Answer.LOGIN_REQUIRED : Answer.LOGIN_PAGE;
    }

    /** Whether the user logged in longer ago than the client's max_age allows. */
    static boolean tooLongAgo(BrowserLogin login, AuthorizationRequest request, long now) {
        Long maxAge = request.maxAgeMillis();
        return maxAge != null && now - login.authTime() > maxAge;
    }

    /** Whether the browser's login may answer the request: the account it asks for, if it names one. */
    public static boolean answersFor(Check.Valid valid, BrowserLogin login) {
        return valid.expectedSubject() == null || valid.expectedSubject().equals(login.user().subject());
    }
}
