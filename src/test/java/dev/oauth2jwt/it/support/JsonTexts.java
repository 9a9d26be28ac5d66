package dev.oauth2jwt.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;

/** JSON as the tests read answers and token parts, and the time claims are compared with. */
public final class JsonTexts {

    private JsonTexts() {
    }

    public static JsonObject object(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** Now, in the epoch seconds of {@code exp}, {@code iat} and {@code auth_time}. */
    public static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
