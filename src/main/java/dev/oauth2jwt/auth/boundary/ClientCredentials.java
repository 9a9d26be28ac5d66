package dev.oauth2jwt.auth.boundary;

import dev.oauth2jwt.http.boundary.FormBody;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a client authenticates (RFC 6749 section 2.3.1): {@code client_secret_basic}, HTTP Basic with
 * the form-encoded id and secret, or {@code client_secret_post}, the form fields {@code client_id}
 * and {@code client_secret}; never both.
 */
record ClientCredentials(String clientId, String secret) {

    /** What the request presented. */
    sealed interface Presented {
        record Credentials(ClientCredentials credentials) implements Presented {
        }

        /** None, or unreadable: {@code invalid_client}. */
        record Missing() implements Presented {
        }

        /** Both ways at once, or a NUL character in the Basic id or secret: {@code invalid_request}. */
        record Invalid() implements Presented {
        }
    }

    static Presented of(String authorization, MultivaluedMap<String, String> form) {
        Optional<String> postedId = FormBody.single(form, "client_id");
        Optional<String> postedSecret = FormBody.single(form, "client_secret");   // an empty one is none (a public client's)
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic && (postedId.isPresent() || postedSecret.isPresent())) {
            return new Presented.Invalid();
        }
        if (basic) {
            return basic(authorization.substring(6).trim());
        }
        if (postedId.isPresent() && postedSecret.isPresent()) {
            return new Presented.Credentials(new ClientCredentials(postedId.get(), postedSecret.get()));
        }
        return new Presented.Missing();
    }

    private static Presented basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return new Presented.Missing();
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (id.indexOf('\0') >= 0 || secret.indexOf('\0') >= 0) {
                return new Presented.Invalid();   // no client has one, and PostgreSQL could not even look for it
            }
            return new Presented.Credentials(new ClientCredentials(id, secret));
        } catch (IllegalArgumentException e) {
            return new Presented.Missing();
        }
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + "]";
    }
}
