package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.tokens.control.TokenVerifier;
import dev.oauth2jwt.sso.entity.ClaimsRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a browser's request to the single sign-on (the query of {@code GET /authorize}
 * and {@code GET /logout}, the forms posted to them): each at most once (RFC 6749 section 3.1), an
 * empty one counting as absent, none holding a NUL character (no database stores one), none longer
 * than it may be. Anything else is an error page: no value that broke a rule is ever copied into a
 * redirect.
 */
final class BrowserParameters {

    /** What any parameter may hold: a state, a redirect URI, a hint. */
    static final int MAX_LENGTH = 2048;
    private static final Map<String, Integer> LONGER = Map.of("id_token_hint", TokenVerifier.MAX_TOKEN_CHARS, "passkey", 16_384,
            "claims", ClaimsRequest.MAX_LENGTH);

    /** The parameters, or why not. */
    sealed interface Read {
        record Parameters(Map<String, String> values) implements Read {
        }

        record Refused(String message) implements Read {
        }
    }

    private BrowserParameters() {
    }

    static Read of(MultivaluedMap<String, String> parameters) {
        Map<String, String> single = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (parameter.getValue().size() != 1) {
                return new Read.Refused("A parameter of the request was sent more than once.");
            }
            String value = parameter.getValue().get(0);
            if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                return new Read.Refused("A parameter of the request holds a NUL character.");
            }
            if (name.length() > MAX_LENGTH || value.length() > LONGER.getOrDefault(name, MAX_LENGTH)) {
                return new Read.Refused("A parameter of the request is too long.");
            }
            if (!value.isEmpty()) {
                single.put(name, value);
            }
        }
        return new Read.Parameters(single);
    }
}
