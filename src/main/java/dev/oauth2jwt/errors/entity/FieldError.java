package dev.oauth2jwt.errors.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One entry of a 422 answer, in the shape pydantic gives it: {@code loc} is where (e.g.
 * {@code ["body","password"]}), {@code input} what was sent (never a password), {@code ctx} the
 * rule's parameters, left out when there are none.
 */
@Schema(name = "ValidationError")
@JsonbPropertyOrder({"type", "loc", "msg", "input", "ctx"})
public record FieldError(String type, List<Object> loc, String msg, @JsonbNillable Object input,
                         Map<String, Object> ctx) {

    public static FieldError of(String type, List<Object> loc, String msg, Object input) {
        return new FieldError(type, loc, msg, input, null);
    }

    public static FieldError missing(String field) {
        return of("missing", List.of("body", field), "Field required", null);
    }

    /** A field sent more than once; its values are not echoed, they may be passwords. */
    public static FieldError repeated(String field) {
        return of("repeated_field", List.of("body", field), "Field must be sent only once", null);
    }

    public static FieldError patternMismatch(String field, String value, String pattern) {
        return new FieldError("string_pattern_mismatch", List.of("body", field),
                "String should match pattern '" + pattern + "'", value, Map.of("pattern", pattern));
    }
}
