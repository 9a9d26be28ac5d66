package dev.oauth2jwt.security.entity;

import dev.oauth2jwt.token.entity.VerifiedToken;
import dev.oauth2jwt.users.entity.User;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller: the verified token, as MicroProfile JWT's {@link JsonWebToken}, the
 * account it names (loaded once by the filter) and the scopes in effect: those of the token the
 * account still has.
 */
public final class Caller implements JsonWebToken {

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

    /** The caller of a request that {@code BearerFilter} let through. */
    public static Caller of(SecurityContext security) {
        if (security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("No bearer caller: is the resource annotated @Authenticated?");
    }

    public User user() {
        return user;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    @Override
    public String getName() {
        return user.username();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(token.claims().getClaimNames());
        names.add(Claims.raw_token.name());
        return names;
    }

    /** The scopes in effect, as MicroProfile JWT's groups (tokens without a groups claim included). */
    @Override
    public Set<String> getGroups() {
        return scopes;
    }

    /** Standard claims in the Java types MicroProfile JWT gives them; any other as a JSON-P value. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        if (Claims.raw_token.name().equals(name)) {
            return (T) token.raw();
        }
        Object value = token.claims().getClaimValue(name);
        if (value == null) {
            return null;
        }
        Class<?> type = standardType(name);
        if (type == String.class && value instanceof String) {
            return (T) value;
        }
        if (type == Long.class && value instanceof Number number) {
            return (T) Long.valueOf(number.longValue());
        }
        if (type == Set.class) {
            return (T) strings(value);
        }
        return (T) json(value);
    }

    private static Class<?> standardType(String name) {
        try {
            return Claims.valueOf(name).getType();
        } catch (IllegalArgumentException e) {
            return JsonValue.class;
        }
    }

    private static Set<String> strings(Object value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> result.add(String.valueOf(item)));
        } else {
            result.add(String.valueOf(value));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static JsonValue json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return Json.createObjectBuilder((Map<String, Object>) map).build();
        }
        if (value instanceof Collection<?> list) {
            return Json.createArrayBuilder(list).build();
        }
        if (value instanceof String text) {
            return Json.createValue(text);
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long || value instanceof Integer) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return Json.createValue(number.doubleValue());
        }
        return Json.createValue(String.valueOf(value));
    }

    @Override
    public String toString() {
        return "Caller[" + user.username() + "]";
    }
}
