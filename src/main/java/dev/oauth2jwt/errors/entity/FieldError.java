package dev.oauth2jwt.errors.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/** One entry of a 422 answer, in the shape pydantic gives it. {@code ctx} is left out when empty. */
@JsonbPropertyOrder({"type", "loc", "msg", "input", "ctx"})
public record FieldError(String type, List<String> loc, String msg, @JsonbNillable Object input,
                         Map<String, String> ctx) {

    public static FieldError missing(String field) {
        return new FieldError("missing", List.of("body", field), "Field required", null, null);
    }

    /** A field sent more than once; its values are not echoed, they may be passwords. */
    public static FieldError repeated(String field) {
        return new FieldError("repeated_field", List.of("body", field), "Field must be sent only once", null, null);
    }

    public static FieldError patternMismatch(String field, String value, String pattern) {
        return new FieldError("string_pattern_mismatch", List.of("body", field),
                "String should match pattern '" + pattern + "'", value, Map.of("pattern", pattern));
    }
}
