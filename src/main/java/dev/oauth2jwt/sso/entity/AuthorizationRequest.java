package dev.oauth2jwt.sso.entity;

import dev.oauth2jwt.users.entity.User;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an authorization request (RFC 6749 section 4.1.1, RFC 7636 section 4.3, OpenID
 * Connect Core 3.1.2.1), as sent by GET or POST: each at most once, any of them possibly missing.
 * {@code unsupported} names the first parameter sent that asks for what this server does not do (a
 * request object, dynamic registration), whose error goes back to the client.
 */
public record AuthorizationRequest(String responseType, String clientId, String redirectUri, String scope, String state,
                                   String nonce, String codeChallenge, String codeChallengeMethod, String prompt,
                                   String maxAge, String loginHint, String responseMode, String claims, String acrValues,
                                   String idTokenHint, String unsupported) {

    /** OpenID Connect Core 6 and 7.2.1: asked for, they must be refused by name, never ignored. */
    public static final String[] UNSUPPORTED = {"request", "request_uri", "registration"};

    /** The names, in the order the login page carries them in its hidden fields. */
    public static final String[] PARAMETERS = {"response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
            "code_challenge", "code_challenge_method", "prompt", "max_age", "login_hint", "response_mode", "claims", "acr_values",
            "id_token_hint"};

    public static AuthorizationRequest of(Map<String, String> values) {
        return new AuthorizationRequest(values.get("response_type"), values.get("client_id"), values.get("redirect_uri"),
                values.get("scope"), values.get("state"), values.get("nonce"), values.get("code_challenge"),
                values.get("code_challenge_method"), values.get("prompt"), values.get("max_age"), values.get("login_hint"),
                values.get("response_mode"), values.get("claims"), values.get("acr_values"), values.get("id_token_hint"),
                Arrays.stream(UNSUPPORTED).filter(values::containsKey).findFirst().orElse(null));
    }

    /** The parameters given, by name, for the login form to send back. */
    public Map<String, String> parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        String[] given = {responseType, clientId, redirectUri, scope, state, nonce, codeChallenge, codeChallengeMethod, prompt,
            maxAge, loginHint, responseMode, claims, acrValues, idTokenHint};
        for (int i = 0; i < PARAMETERS.length; i++) {
            if (given[i] != null) {
                values.put(PARAMETERS[i], given[i]);
            }
        }
        return values;
    }

    /**
     * The same request for the login page to carry: without {@code prompt}, {@code max_age} and
     * {@code id_token_hint}, which the user's logging in on the page honours.
     */
    public AuthorizationRequest forLoginPage() {
        return new AuthorizationRequest(responseType, clientId, redirectUri, scope, state, nonce, codeChallenge,
                codeChallengeMethod, null, null, loginHint, responseMode, claims, acrValues, null, unsupported);
    }

    /** {@code login_hint} when it could be a username, for the login page to offer; nothing else is shown. */
    public String usernameHint() {
        return loginHint != null && loginHint.matches(User.USERNAME_PATTERN) ? loginHint : null;
    }

    /** {@code max_age} in milliseconds, if asked for (checked to be a number of seconds first). */
    public Long maxAgeMillis() {
        return maxAge == null ? null : Long.parseLong(maxAge) * 1000;
    }
}
