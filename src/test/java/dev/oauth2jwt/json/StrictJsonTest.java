package dev.oauth2jwt.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    @Test
    void aDuplicateKeyIsRefusedWithWhereItIs() {
        JsonParsingException refusal = assertThrows(JsonParsingException.class,
                () -> StrictJson.read("{\"username\": \"a\",\n \"username\": \"b\"}"));

        assertTrue(refusal.getMessage().contains("Duplicate key 'username'"), refusal.getMessage());
        assertEquals(2, refusal.getLocation().getLineNumber());
    }

    @Test
    void aDuplicateKeyDeepInsideIsRefusedToo() {
        assertThrows(JsonParsingException.class, () -> StrictJson.read("{\"a\": [{\"x\": 1, \"x\": 2}]}"));
        assertThrows(JsonParsingException.class, () -> StrictJson.read("{\"a\": {\"b\": {}}, \"a\": 1}"));
    }

    @Test
    void theSameKeyInSiblingObjectsIsFine() {
        JsonObject read = StrictJson.read("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}, \"c\": [{\"x\": 3}, {\"x\": 4}]}").asJsonObject();

        assertEquals(2, read.getJsonObject("b").getInt("x"));
    }

    @Test
    void badSyntaxIsStillASyntaxError() {
        assertThrows(JsonParsingException.class, () -> StrictJson.read("{\"a\": }"));
        assertThrows(JsonParsingException.class, () -> StrictJson.read("{\"a\": 1} trailing"));
    }
}
