package dev.oauth2jwt.sso.entity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an authorization request (RFC 6749 section 4.1.1, RFC 7636 section 4.3, OpenID
 * Connect Core 3.1.2.1), as sent: each at most once, any of them possibly missing.
 */
public record AuthorizationRequest(String responseType, String clientId, String redirectUri, String scope, String state,
                                   String nonce, String codeChallenge, String codeChallengeMethod, String prompt) {

    /** The names, in the order the login page carries them in its hidden fields. */
    public static final String[] PARAMETERS = {"response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
            "code_challenge", "code_challenge_method", "prompt"};

    public static AuthorizationRequest of(Map<String, String> values) {
        return new AuthorizationRequest(values.get("response_type"), values.get("client_id"), values.get("redirect_uri"),
                values.get("scope"), values.get("state"), values.get("nonce"), values.get("code_challenge"),
                values.get("code_challenge_method"), values.get("prompt"));
    }

    /** The parameters given, by name, for the login form to send back. */
    public Map<String, String> parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        String[] given = {responseType, clientId, redirectUri, scope, state, nonce, codeChallenge, codeChallengeMethod, prompt};
        for (int i = 0; i < PARAMETERS.length; i++) {
            if (given[i] != null) {
                values.put(PARAMETERS[i], given[i]);
            }
        }
        return values;
    }

    /** The same request, without {@code prompt}: once the user has logged in on the page, it has been honoured. */
    public AuthorizationRequest withoutPrompt() {
        return new AuthorizationRequest(responseType, clientId, redirectUri, scope, state, nonce, codeChallenge,
                codeChallengeMethod, null);
    }
}
