package dev.oauth2jwt.errors.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeclaredMethodsTest {

    @Test
    void pathsJoinAsJaxRsJoinsThem() {
        assertEquals("users/{username}", DeclaredMethods.join("users", "{username}"));
        assertEquals("users/me/", DeclaredMethods.join("users/me/", ""));
        assertEquals("token", DeclaredMethods.join("/", "token"));
        assertEquals("", DeclaredMethods.join("/", ""));
        assertEquals("clients/{clientId}/secret", DeclaredMethods.join("/clients", "/{clientId}/secret"));
    }

    @Test
    void aParameterIsOneSegmentAndTheTrailingSlashCounts() {
        var username = DeclaredMethods.regex("users/{username}");

        assertTrue(username.matcher("users/alice").matches());
        assertFalse(username.matcher("users/me/").matches(), "users/me/ is another resource");
        assertFalse(username.matcher("users/a/b").matches());
        assertFalse(DeclaredMethods.regex("users/me/").matcher("users/me").matches());
    }

    @Test
    void aParameterMayBringItsOwnRegexAndLiteralsAreLiteral() {
        assertTrue(DeclaredMethods.regex("items/{id: [0-9]+}").matcher("items/42").matches());
        assertFalse(DeclaredMethods.regex("items/{id: [0-9]+}").matcher("items/x").matches());
        assertFalse(DeclaredMethods.regex(".well-known/jwks.json").matcher("xwell-known/jwksxjson").matches());
    }
}
