package dev.oauth2jwt.auth.entity;

import dev.oauth2jwt.users.entity.User;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The authenticated caller, as the token check admitted it: the verified token, the account it
 * names (loaded once per request) and the scopes in effect: those of the token the account still has.
 */
public final class Caller {

    private final VerifiedToken token;
    private final User user;
    private final Set<String> scopes;

    public Caller(VerifiedToken token, User user) {
        this.token = token;
        this.user = user;
        if (user.scopes().containsAll(token.scopes())) {
            this.scopes = token.scopes();
        } else {
            Set<String> effective = new LinkedHashSet<>(token.scopes());
            effective.retainAll(user.scopes());
            this.scopes = Set.copyOf(effective);
        }
    }

    public VerifiedToken token() {
        return token;
    }

    public User user() {
        return user;
    }

    public String username() {
        return user.username();
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    @Override
    public String toString() {
        return "Caller[" + user.username() + "]";
    }
}
