package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.ApiException;
import dev.oauth2jwt.errors.boundary.RequestValidationException;
import dev.oauth2jwt.errors.entity.FieldError;
import dev.oauth2jwt.json.StrictJson;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON object body, bounded, strictly: bad JSON or another value is the 422 FastAPI gives;
 * another content type is 415.
 */
public final class JsonBody {

    private JsonBody() {
    }

    public static JsonObject read(MediaType type, long declaredLength, InputStream body) {
        if (type == null || !(MediaType.APPLICATION_JSON_TYPE.isCompatible(type) || type.getSubtype().endsWith("+json"))) {
            throw new ApiException(415, "Unsupported Media Type");
        }
        byte[] bytes = BoundedBody.read(declaredLength, body);
        JsonValue value;
        try {
            value = StrictJson.read(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonParsingException e) {
            throw invalid(e.getLocation() == null ? 0 : e.getLocation().getStreamOffset());
        } catch (JsonException e) {
            throw invalid(0);
        }
        if (!(value instanceof JsonObject object)) {
            throw new RequestValidationException(List.of(FieldError.of("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", value)));
        }
        return object;
    }

    private static RequestValidationException invalid(long position) {
        return new RequestValidationException(List.of(new FieldError("json_invalid", List.of("body", Math.max(0, position)),
                "JSON decode error", JsonValue.EMPTY_JSON_OBJECT, Map.of("error", "Invalid JSON"))));
    }
}
