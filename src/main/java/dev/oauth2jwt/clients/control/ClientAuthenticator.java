package dev.oauth2jwt.clients.control;

import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.throttling.control.LoginThrottle;
import dev.oauth2jwt.throttling.control.LoginThrottle.Attempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who the client of a request is, the one way for {@code /token}, {@code /introspect} and
 * {@code /revoke} (RFC 6749 section 2.3.1): {@code client_secret_basic} (HTTP Basic with the
 * form-encoded id and secret), {@code client_secret_post} (the form fields {@code client_id} and
 * {@code client_secret}), never both; or a public client naming itself by {@code client_id}. A
 * secret is checked with the same work whether the client exists or not, throttled, counted and
 * audited like a password login, so that it cannot be guessed faster. Each endpoint then says which
 * of these it accepts.
 */
@ApplicationScoped
public class ClientAuthenticator {

    /** Compared against when the client does not exist, so that an unknown id costs what a wrong secret does. */
    private static final String NO_SUCH_CLIENT = OpaqueTokens.sha256("no such client");

    /** What a request says of its client. */
    public sealed interface Identification {

        /** The client that identified itself: authenticated, or public by its id; empty for none. */
        default Optional<Client> identified() {
            return this instanceof Authenticated authenticated ? Optional.of(authenticated.client())
                    : this instanceof Public named ? Optional.of(named.client()) : Optional.empty();
        }

        /**
         * The error of RFC 6749 section 5.2 for a request that cannot go on: {@code invalid_request}
         * (malformed), {@code invalid_client} (refused); empty otherwise (a throttled one is a 429).
         */
        default Optional<String> error() {
            return this instanceof Malformed ? Optional.of("invalid_request")
                    : this instanceof Refused ? Optional.of("invalid_client") : Optional.empty();
        }

        /** A confidential client that proved its secret. */
        record Authenticated(Client client) implements Identification {
        }

        /** A public client, named by its {@code client_id}: it has no secret to prove. */
        record Public(Client client) implements Identification {
        }

        /** No client: none named, or a {@code client_id} naming no public client (ignored, as the password grant always did). */
        record Anonymous() implements Identification {
        }

        /** An unknown client or a wrong secret: {@code 401 invalid_client}. */
        record Refused() implements Identification {
        }

        /** Both ways at once, or a NUL character in the Basic id or secret: {@code 400 invalid_request}. */
        record Malformed() implements Identification {
        }

        record Throttled(long retryAfterSeconds) implements Identification {
        }
    }

    @Inject
    ClientStore store;

    @Inject
    LoginThrottle throttle;

    /** A client, confidential or public, by its id: for the authorization endpoint, which authenticates no one. */
    public Optional<Client> find(String clientId) {
        if (Client.DOCS_CLIENT_ID.equals(clientId)) {
            return Optional.of(Client.docs());
        }
        if (Client.ACCOUNT_CLIENT_ID.equals(clientId)) {
            return Optional.of(Client.account());
        }
        return clientId == null ? Optional.empty() : store.find(clientId);
    }

    /**
     * The client of a request with this {@code Authorization} header and these form fields (each
     * name's values), from this address.
     */
    public Identification identify(String authorization, Map<String, List<String>> form, String address) {
        Optional<String> postedId = single(form, "client_id");
        Optional<String> postedSecret = single(form, "client_secret");   // an empty one is none (a public client's)
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic && (postedId.isPresent() || postedSecret.isPresent())) {
            return new Identification.Malformed();
        }
        if (basic) {
            return basic(authorization.substring(6).trim(), address);
        }
        if (postedId.isPresent() && postedSecret.isPresent()) {
            return authenticate(postedId.get(), postedSecret.get(), address);
        }
        return postedId.flatMap(this::find).filter(Client::isPublic)
                .<Identification>map(Identification.Public::new)
                .orElseGet(Identification.Anonymous::new);
    }

    private Identification basic(String encoded, String address) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Identification.Refused();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return new Identification.Refused();
        }
        String id;
        String secret;
        try {
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Identification.Refused();
        }
        if (id.indexOf('\0') >= 0 || secret.indexOf('\0') >= 0) {
            return new Identification.Malformed();   // no client has one, and PostgreSQL could not even look for it
        }
        return authenticate(id, secret, address);
    }

    private Identification authenticate(String clientId, String secret, String address) {
        LoginThrottle.Verdict verdict = throttle.admit(Attempt.CLIENT, clientId, address);
        if (verdict.refused()) {
            return new Identification.Throttled(verdict.retryAfterSeconds());
        }
        Optional<Client> client = store.find(clientId).filter(found -> found.secretHash() != null);   // a public client has none
        if (!OpaqueTokens.matches(secret, client.map(Client::secretHash).orElse(NO_SUCH_CLIENT)) || client.isEmpty()) {
            throttle.failed(Attempt.CLIENT, clientId, address, "unknown client or wrong secret");
            return new Identification.Refused();
        }
        throttle.succeeded(Attempt.CLIENT, clientId, address, verdict);
        return new Identification.Authenticated(client.get());
    }

    private static Optional<String> single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
