package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.json.Jsonp;
import dev.oauth2jwt.bearer.entity.Caller;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller as MicroProfile JWT shows it: the principal of the request's {@code SecurityContext}
 * and what {@code @Inject JsonWebToken} gives, so that code written for MicroProfile JWT runs here.
 * Claims come from the verified token, in the Java types the specification gives them; the groups
 * are the scopes in effect.
 */
final class CallerToken implements JsonWebToken {

    private final Caller caller;

    CallerToken(Caller caller) {
        this.caller = caller;
    }

    @Override
    public String getName() {
        return caller.name();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(caller.token().claims().keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    /** The scopes in effect, as MicroProfile JWT's groups (tokens without a groups claim included). */
    @Override
    public Set<String> getGroups() {
        return caller.scopes();
    }

    /** Standard claims in the Java types MicroProfile JWT gives them; any other as a JSON-P value. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        if (Claims.raw_token.name().equals(name)) {
            return (T) caller.token().raw();
        }
        Object value = caller.token().claims().get(name);
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
            return Jsonp.PROVIDER.createObjectBuilder((Map<String, Object>) map).build();
        }
        if (value instanceof Collection<?> list) {
            return Jsonp.PROVIDER.createArrayBuilder(list).build();
        }
        if (value instanceof String text) {
            return Jsonp.PROVIDER.createValue(text);
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long || value instanceof Integer) {
            return Jsonp.PROVIDER.createValue(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return Jsonp.PROVIDER.createValue(number.doubleValue());
        }
        return Jsonp.PROVIDER.createValue(String.valueOf(value));
    }

    @Override
    public String toString() {
        return "CallerToken[" + caller.name() + "]";
    }
}
