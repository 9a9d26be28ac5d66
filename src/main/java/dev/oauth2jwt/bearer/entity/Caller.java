package dev.oauth2jwt.bearer.entity;

import dev.oauth2jwt.tokens.entity.VerifiedToken;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.users.entity.User;
import java.util.Set;

/**
 * The authenticated caller, as the token check admitted it: the verified token, the account it
 * names (a user, loaded once per request, or a client for its own tokens) and the scopes in
 * effect: those of the token the account still has.
 */
public final class Caller {

    private final VerifiedToken token;
    private final User user;
    private final Client client;
    private final Set<String> scopes;

    private Caller(VerifiedToken token, User user, Client client, Set<String> allowed) {
        this.token = token;
        this.user = user;
        this.client = client;
        Set<String> effective = Scope.stillHeld(token.scopes(), allowed);
        this.scopes = effective == token.scopes() ? effective : Set.copyOf(effective);
    }

    public Caller(VerifiedToken token, User user) {
        this(token, user, null, user.scopes());
    }

    public static Caller ofClient(VerifiedToken token, Client client) {
        return new Caller(token, null, client, client.scopes());
    }

    public VerifiedToken token() {
        return token;
    }

    /** The user; null for a client's own token. */
    public User user() {
        return user;
    }

    public boolean isClient() {
        return client != null;
    }

    /** The username, or a client's id. */
    public String name() {
        return user != null ? user.username() : client.clientId();
    }

    /** Disabled users may not do anything but what {@code InactiveUsersAllowed} admits; clients are never disabled. */
    public boolean inactive() {
        return user != null && user.disabled();
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    @Override
    public String toString() {
        return "Caller[" + name() + "]";
    }
}
