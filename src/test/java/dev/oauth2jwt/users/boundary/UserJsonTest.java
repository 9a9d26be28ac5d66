package dev.oauth2jwt.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oauth2jwt.errors.boundary.RequestValidationException;
import dev.oauth2jwt.errors.entity.FieldError;
import dev.oauth2jwt.users.entity.NewUser;
import dev.oauth2jwt.users.entity.UserChanges;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserJsonTest {

    /** The import rule of a server at BCRYPT_COST 12. */
    static final java.util.function.Function<String, java.util.Optional<String>> HASHES =
            dev.oauth2jwt.users.control.PasswordHasherTest.hasher(12)::importProblem;

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static List<FieldError> errors(Runnable parse) {
        return assertThrows(RequestValidationException.class, parse::run).errors();
    }

    static List<String> types(List<FieldError> errors) {
        return errors.stream().map(error -> error.type() + " " + error.loc()).toList();
    }

    @Test
    void readsANewUserWithDefaults() {
        NewUser user = UserJson.newUser(json("{\"username\":\"bob\",\"password\":\"a good password\"}"), HASHES);

        assertEquals("bob", user.username());
        assertEquals("a good password", user.password());
        assertEquals(Set.of("me", "items"), user.scopes());
        assertEquals(false, user.disabled());
    }

    @Test
    void listsEveryProblemOfANewUser() {
        List<FieldError> errors = errors(() -> UserJson.newUser(json(
                "{\"username\":\"bad name\",\"password\":\"short\",\"email\":\"nope\",\"disabled\":\"yes\","
                        + "\"scopes\":[\"me\",\"root\"],\"nickname\":\"b\"}"), HASHES));

        assertEquals(List.of("extra_forbidden [body, nickname]", "string_pattern_mismatch [body, username]",
                "value_error [body, password]", "value_error [body, email]", "bool_type [body, disabled]",
                "literal_error [body, scopes, 1]"), types(errors));
        assertNull(errors.get(2).input(), "a password is never echoed");
        assertEquals("Input should be 'me', 'items' or 'admin'", errors.get(5).msg());
    }

    @Test
    void passwordsAreCountedInBytes() {
        assertEquals(List.of("value_error [body, password]"), types(errors(() -> UserJson.newUser(json(
                "{\"username\":\"bob\",\"password\":\"" + "x".repeat(73) + "\"}"), HASHES))));
        assertEquals("ééééééé", UserJson.newUser(json("{\"username\":\"bob\",\"password\":\"ééééééé\"}"), HASHES).password(),
                "7 characters, 14 bytes");
    }

    @Test
    void eitherAPasswordOrAHash() {
        assertEquals(List.of("value_error [body, password]"), types(errors(() -> UserJson.newUser(json("{\"username\":\"bob\"}"), HASHES))));
        assertEquals(List.of("value_error [body, password]"), types(errors(() -> UserJson.newUser(json(
                "{\"username\":\"bob\",\"password\":\"a good password\",\"hashed_password\":\"x\"}"), HASHES))));
        assertEquals(List.of("value_error [body, hashed_password]"), types(errors(() -> UserJson.newUser(json(
                "{\"username\":\"bob\",\"hashed_password\":\"md5$abc\"}"), HASHES))));
    }

    @Test
    void meIsReserved() {
        assertEquals(List.of("value_error [body, username]"), types(errors(() -> UserJson.newUser(json(
                "{\"username\":\"me\",\"password\":\"a good password\"}"), HASHES))));
    }

    @Test
    void namesAPathNormaliserWouldChangeAreRefused() {
        for (String name : new String[]{".", ".."}) {
            List<FieldError> errors = errors(() -> UserJson.newUser(json(
                    "{\"username\":\"" + name + "\",\"password\":\"a good password\"}"), HASHES));
            assertEquals(List.of("value_error [body, username]"), types(errors));
            assertEquals("Value error, '" + name + "' is not a username: a URL path cannot name it", errors.get(0).msg());
        }
        assertEquals("...", UserJson.newUser(json("{\"username\":\"...\",\"password\":\"a good password\"}"), HASHES)
                .username(), "three dots are a plain path segment");
    }

    @Test
    void anImportedHashMustNotCostMoreThanTwoAboveThePolicy() {
        List<FieldError> errors = errors(() -> UserJson.newUser(json("{\"username\":\"bob\",\"hashed_password\":"
                + "\"$2b$15$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW\"}"), HASHES));

        assertEquals("Value error, hashed_password has bcrypt cost 15, outside the accepted 4 to 14 (BCRYPT_COST + 2)",
                errors.get(0).msg());
    }

    @Test
    void aPatchChangesOnlyWhatItNames() {
        UserChanges changes = UserJson.changes(json("{\"email\":null,\"disabled\":true}"));

        assertEquals(Set.of("email", "disabled"), changes.present());
        assertNull(changes.email());
        assertEquals(true, changes.disabled());
        assertEquals(List.of("extra_forbidden [body, username]"), types(errors(() -> UserJson.changes(json("{\"username\":\"x\"}")))));
        assertEquals(List.of("bool_type [body, disabled]"), types(errors(() -> UserJson.changes(json("{\"disabled\":null}")))));
    }
}
