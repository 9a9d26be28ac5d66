package dev.oauth2jwt.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.users.entity.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    /** The import rule of a server at BCRYPT_COST 12. */
    static final java.util.function.Function<String, java.util.Optional<String>> HASHES =
            PasswordHasherTest.hasher(12)::importProblem;

    static final String JOHNDOE_HASH = PasswordHasherTest.SEED_JOHNDOE;

    static List<User> parse(String json) {
        return UsersFile.parse(json, "users.json", HASHES);
    }

    static String refusal(String json) {
        return assertThrows(UsersFileException.class, () -> parse(json)).getMessage();
    }

    static String entry(String fields) {
        return "{\"johndoe\": {\"username\": \"johndoe\", \"hashed_password\": \"" + JOHNDOE_HASH + "\"" + fields + "}}";
    }

    @Test
    void readsTheSeedsFakeUsersDb() {
        List<User> users = parse("""
                {
                    "johndoe": {
                        "username": "johndoe",
                        "full_name": "John Doe",
                        "email": "johndoe@example.com",
                        "hashed_password": "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
                        "disabled": false
                    },
                    "alice": {
                        "username": "alice",
                        "full_name": "Alice Chains",
                        "email": "alicechains@example.com",
                        "hashed_password": "$2b$12$gSvqqUPvlXP2tfVFaWK1Be7DlH.PKZbv5H8KnzzVgXXbVxpva.pFm",
                        "disabled": true,
                        "scopes": ["me"]
                    }
                }
                """);

        assertEquals(2, users.size());
        User john = users.get(0);
        assertEquals("johndoe", john.username());
        assertEquals("John Doe", john.fullName());
        assertEquals("johndoe@example.com", john.email());
        assertEquals(JOHNDOE_HASH, john.hashedPassword());
        assertFalse(john.disabled());
        assertEquals(List.of("me", "items"), List.copyOf(john.scopes()), "default scopes, in order");
        User alice = users.get(1);
        assertTrue(alice.disabled());
        assertEquals(Set.of("me"), alice.scopes());
    }

    @Test
    void optionalFieldsMayBeNullOrAbsent() {
        User user = parse(entry(", \"email\": null, \"full_name\": null, \"disabled\": null")).get(0);

        assertNull(user.email());
        assertNull(user.fullName());
        assertFalse(user.disabled());
    }

    @Test
    void anEmptyObjectImportsNobody() {
        assertEquals(List.of(), parse("{}"));
    }

    @Test
    void malformedJsonIsReportedWithItsPosition() {
        String message = refusal("{\n  \"johndoe\": {\"username\": \"johndoe\",,}\n}");

        assertTrue(message.startsWith("users.json: not valid JSON at line 2"), message);
    }

    @Test
    void duplicateUsernamesAreRefused() {
        String message = refusal("{\"a\": {}, \"a\": {}}");

        assertTrue(message.contains("not valid JSON"), message);
    }

    @Test
    void theDocumentMustBeAnObject() {
        assertTrue(refusal("[]").contains("must be a JSON object keyed by username"));
    }

    @Test
    void eachRefusalNamesTheEntryAndTheProblem() {
        assertEquals("users.json: entry \"johndoe\": must be a JSON object", refusal("{\"johndoe\": 1}"));
        assertEquals("users.json: entry \"johndoe\": \"hashed_password\" is required",
                refusal("{\"johndoe\": {\"username\": \"johndoe\"}}"));
        assertEquals("users.json: entry \"johndoe\": \"username\" is required",
                refusal("{\"johndoe\": {\"hashed_password\": \"" + JOHNDOE_HASH + "\"}}"));
        assertTrue(refusal("{\"johndoe\": {\"username\": \"john\", \"hashed_password\": \"" + JOHNDOE_HASH + "\"}}")
                .contains("\"username\" is \"john\", it must equal the entry's key"));
        assertTrue(refusal(entry(", \"disable\": true")).contains("unknown field \"disable\""));
        assertTrue(refusal(entry(", \"disabled\": \"yes\"")).contains("\"disabled\" must be true, false or null"));
        assertTrue(refusal(entry(", \"email\": \"not an email\"")).contains("\"email\" is not an email address"));
        assertTrue(refusal(entry(", \"email\": 7")).contains("\"email\" must be a string or null"));
        assertTrue(refusal(entry(", \"full_name\": \"" + "x".repeat(256) + "\"")).contains("\"full_name\" is longer"));
        assertTrue(refusal(entry(", \"scopes\": \"me items\"")).contains("\"scopes\" must be a list"));
        assertTrue(refusal(entry(", \"scopes\": [\"me items\"]")).contains("\"scopes\" must be a list of known scopes (me, items, admin)"));
        assertTrue(refusal(entry(", \"scopes\": [\"superuser\"]")).contains("known scopes"));
    }

    @Test
    void refusesHashesItCannotVerify() {
        String message = refusal("{\"johndoe\": {\"username\": \"johndoe\", \"hashed_password\": \"secret\"}}");

        assertTrue(message.contains("\"hashed_password\" is neither a bcrypt hash"), message);
    }

    @Test
    void refusesHashesThatCostTooMuchOrTooLittle() {
        String costly = "$2b$15$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";
        String message = refusal("{\"johndoe\": {\"username\": \"johndoe\", \"hashed_password\": \"" + costly + "\"}}");
        assertTrue(message.contains("entry \"johndoe\": \"hashed_password\" has bcrypt cost 15, outside the accepted 4 to 14 "
                + "(BCRYPT_COST + 2)"), message);

        String weak = "pbkdf2_sha256$1$salt$zy1oTMNzIztg8jMVVqpHyzWr464Z58RhOAdpV3tSOiI=";
        message = refusal("{\"dj\": {\"username\": \"dj\", \"hashed_password\": \"" + weak + "\"}}");
        assertTrue(message.contains("entry \"dj\": \"hashed_password\" has 1 PBKDF2 iterations, outside the accepted 1000 to 2000000"),
                message);
    }

    @Test
    void refusesNamesAUrlPathCannotHold() {
        for (String name : new String[]{".", ".."}) {
            String message = refusal("{\"" + name + "\": {\"username\": \"" + name + "\", \"hashed_password\": \"" + JOHNDOE_HASH + "\"}}");
            assertTrue(message.contains("'" + name + "' is not a username: a URL path cannot name it"), message);
        }
    }

    @Test
    void acceptsDjangoHashes() {
        String django = "pbkdf2_sha256$260000$sEcReTsAlT12$sWqj3GA0dX8SzcjiYPhcmARyqJNLOwZayogJKs8Sh6I=";
        User user = parse("{\"dj\": {\"username\": \"dj\", \"hashed_password\": \"" + django + "\"}}").get(0);

        assertEquals(django, user.hashedPassword());
    }

    @Test
    void refusesUsernamesOutsideTheRules() {
        String name = "john doe";
        String message = refusal("{\"" + name + "\": {\"username\": \"" + name + "\", \"hashed_password\": \"" + JOHNDOE_HASH + "\"}}");

        assertTrue(message.contains("the username must be 1 to 64 letters, digits or . _ @ -"), message);
    }

    @Test
    void readsAFileAndNamesItWhenRefusing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("users.json");
        Files.writeString(file, entry(""));
        assertEquals("johndoe", UsersFile.read(file, HASHES).get(0).username());

        Path missing = dir.resolve("missing.json");
        String message = assertThrows(UsersFileException.class, () -> UsersFile.read(missing, HASHES)).getMessage();
        assertEquals("USERS_IMPORT_FILE '" + missing.toAbsolutePath() + "': no such file", message);

        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[]{'{', '"', (byte) 0xE9, '"', ':', '{', '}', '}'});
        assertTrue(assertThrows(UsersFileException.class, () -> UsersFile.read(latin1, HASHES)).getMessage()
                .endsWith(": not UTF-8 text"));
    }
}
