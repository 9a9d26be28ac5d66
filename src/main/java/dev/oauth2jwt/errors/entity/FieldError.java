package dev.oauth2jwt.errors.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.util.List;
import java.util.Map;

/**
 * One entry of a 422 answer, in the shape pydantic gives it: {@code loc} is where (e.g.
 * {@code ["body","password"]}), {@code input} what was sent (never a password), {@code ctx} the
 * rule's parameters, left out when there are none.
 */
@Schema(name = "ValidationError")
@JsonbPropertyOrder({"type", "loc", "msg", "input", "ctx"})
@JsonbTypeSerializer(FieldError.Json.class)
public record FieldError(String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {

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

    /**
     * Written by hand: {@code input} is {@code null} when absent but {@code ctx} is left out. JSON-B
     * 3 could say so with {@code @JsonbNillable} on the component; JSON-B 2 (TomEE 9) only per type.
     */
    public static final class Json implements JsonbSerializer<FieldError> {
        @Override
        public void serialize(FieldError error, JsonGenerator json, SerializationContext context) {
            json.writeStartObject();
            json.write("type", error.type());
            context.serialize("loc", error.loc(), json);
            json.write("msg", error.msg());
            if (error.input() == null) {
                json.writeNull("input");
            } else {
                context.serialize("input", error.input(), json);
            }
            if (error.ctx() != null) {
                context.serialize("ctx", error.ctx(), json);
            }
            json.writeEnd();
        }
    }
}
