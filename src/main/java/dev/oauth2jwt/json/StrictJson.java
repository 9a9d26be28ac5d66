package dev.oauth2jwt.json;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a JSON text and refuses duplicate keys, which would silently hide a value (an entry of a
 * users file, a field of a request). JSON-P 2.1 can do this itself (JsonConfig.KEY_STRATEGY), but
 * Jakarta EE 9.1 servers (TomEE 9) have JSON-P 2.0 only, so the check is made here, portably.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /**
     * The value of the text; a syntax error or a duplicate key is a {@link JsonParsingException}
     * with its location.
     */
    public static JsonValue read(String text) {
        JsonValue value;
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            value = reader.readValue();
        }
        refuseDuplicateKeys(text);
        return value;
    }

    /** Runs on text already known to be valid JSON, so only keys can be wrong. */
    private static void refuseDuplicateKeys(String text) {
        Deque<Set<String>> openObjects = new ArrayDeque<>();
        try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT -> openObjects.push(new HashSet<>());
                    case END_OBJECT -> openObjects.pop();
                    case KEY_NAME -> {
                        if (!openObjects.element().add(parser.getString())) {
                            throw new JsonParsingException("Duplicate key '" + parser.getString() + "'", parser.getLocation());
                        }
                    }
                    default -> {
                        // values and arrays hold no keys of their own
                    }
                }
            }
        }
    }
}
