package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.RequestValidationException;
import dev.oauth2jwt.errors.entity.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of a JSON object body as pydantic would validate a model, collecting every
 * problem (in pydantic's types and messages) before answering one 422. Unknown fields are
 * refused ({@code extra_forbidden}): a typo must not be silently ignored.
 */
public final class JsonFields {

    /** No database here stores a NUL character (PostgreSQL's text cannot), and no honest value holds one. */
    private static final String NUL_TYPE = "string_nul_character";
    private static final String NUL_MESSAGE = "String should not contain NUL characters";

    private final JsonObject body;
    private final List<FieldError> errors = new ArrayList<>();

    public JsonFields(JsonObject body, Set<String> known) {
        this.body = body;
        body.forEach((name, value) -> {
            if (!known.contains(name)) {
                errors.add(FieldError.of("extra_forbidden", loc(name), "Extra inputs are not permitted", value));
            }
        });
    }

    public boolean has(String name) {
        return body.containsKey(name);
    }

    /** A string, or null when absent, JSON null (if allowed) or invalid (the error is recorded). */
    public String string(String name, boolean required, boolean nullable, boolean secret) {
        JsonValue value = body.get(name);
        if (value == null) {
            if (required) {
                errors.add(FieldError.missing(name));
            }
            return null;
        }
        if (value == JsonValue.NULL && nullable) {
            return null;
        }
        if (value instanceof JsonString text) {
            if (text.getString().indexOf('\0') >= 0) {
                errors.add(FieldError.of(NUL_TYPE, loc(name), NUL_MESSAGE, null));
                return null;
            }
            return text.getString();
        }
        errors.add(FieldError.of("string_type", loc(name), "Input should be a valid string", secret ? null : value));
        return null;
    }

    public Boolean bool(String name) {
        JsonValue value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        errors.add(FieldError.of("bool_type", loc(name), "Input should be a valid boolean", value));
        return null;
    }

    /** A list of strings each one of {@code allowed}; null when absent or invalid. */
    public Set<String> oneOfEach(String name, List<String> allowed) {
        JsonArray list = list(name);
        if (list == null) {
            return null;
        }
        Set<String> result = new LinkedHashSet<>();
        String expected = expected(allowed);
        for (int i = 0; i < list.size(); i++) {
            JsonValue item = list.get(i);
            if (item instanceof JsonString text && allowed.contains(text.getString())) {
                result.add(text.getString());
            } else {
                errors.add(new FieldError("literal_error", List.of("body", name, i), "Input should be " + expected, item,
                        Map.of("expected", expected)));
            }
        }
        return result;
    }

    /** A list of strings, in order, duplicates dropped; null when absent or invalid. */
    public List<String> strings(String name) {
        JsonArray list = list(name);
        if (list == null) {
            return null;
        }
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof JsonString text && text.getString().indexOf('\0') >= 0) {
                errors.add(new FieldError(NUL_TYPE, List.of("body", name, i), NUL_MESSAGE, null, null));
            } else if (list.get(i) instanceof JsonString text) {
                result.add(text.getString());
            } else {
                errors.add(new FieldError("string_type", List.of("body", name, i), "Input should be a valid string", list.get(i), null));
            }
        }
        return List.copyOf(result);
    }

    /** The field's list; null when absent, or not a list (the error is recorded). */
    private JsonArray list(String name) {
        JsonValue value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray list)) {
            errors.add(FieldError.of("list_type", loc(name), "Input should be a valid list", value));
            return null;
        }
        return list;
    }

    /** Records a problem found by a rule of the caller's. */
    public void invalid(String type, String name, String msg, Object input, Map<String, Object> ctx) {
        errors.add(new FieldError(type, loc(name), msg, input, ctx == null || ctx.isEmpty() ? null : ctx));
    }

    /** A 422 with every problem found, if any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
    }

    private static List<Object> loc(String name) {
        return List.of("body", name);
    }

    /** pydantic's wording: 'me', 'items' or 'admin'. */
    private static String expected(List<String> allowed) {
        List<String> quoted = allowed.stream().map(value -> "'" + value + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }
}
