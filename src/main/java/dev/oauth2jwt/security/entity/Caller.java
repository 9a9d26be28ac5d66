package dev.oauth2jwt.security.entity;

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
import org.jose4j.jwt.JwtClaims;

/**
 * The authenticated caller: the verified token, as MicroProfile JWT's {@link JsonWebToken}, and the
 * account it names, loaded once by the filter.
 */
public final class Caller implements JsonWebToken {

    private final String rawToken;
    private final JwtClaims claims;
    private final User user;

    public Caller(String rawToken, JwtClaims claims, User user) {
        this.rawToken = rawToken;
        this.claims = claims;
        this.user = user;
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

    @Override
    public String getName() {
        return user.username();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.getClaimNames());
        names.add(Claims.raw_token.name());
        return names;
    }

    /** Standard claims in the Java types MicroProfile JWT gives them; any other as a JSON-P value. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        if (Claims.raw_token.name().equals(name)) {
            return (T) rawToken;
        }
        Object value = claims.getClaimValue(name);
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
        return single(value);
    }

    private static JsonValue single(Object value) {
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
