package dev.oauth2jwt.grants.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oauth2jwt.errors.boundary.RequestValidationException;
import dev.oauth2jwt.errors.entity.FieldError;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordGrantFormTest {

    static MultivaluedMap<String, String> form(String... pairs) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    static List<FieldError> errors(MultivaluedMap<String, String> form) {
        return assertThrows(RequestValidationException.class, () -> PasswordGrantForm.from(form)).errors();
    }

    @Test
    void readsTheFields() {
        PasswordGrantForm grant = PasswordGrantForm.from(form("grant_type", "password", "username", "johndoe",
                "password", "secret", "scope", "me items", "client_id", "cli", "client_secret", "shh"));

        assertEquals(new PasswordGrantForm("johndoe", "secret", "me items", "cli", "shh"), grant);
    }

    @Test
    void scopeDefaultsToEmptyAndGrantTypeIsOptional() {
        PasswordGrantForm grant = PasswordGrantForm.from(form("username", "johndoe", "password", "secret"));

        assertEquals("", grant.scope());
    }

    @Test
    void emptyValuesAreMissingAsFastApiReadsForms() {
        assertEquals(List.of(FieldError.missing("username"), FieldError.missing("password")),
                errors(form("username", "", "password", "")));
        assertEquals(List.of(FieldError.missing("password")), errors(form("username", "johndoe", "password", "")));

        PasswordGrantForm grant = PasswordGrantForm.from(form("grant_type", "", "username", "johndoe", "password", "secret",
                "scope", "", "client_id", ""));
        assertEquals(new PasswordGrantForm("johndoe", "secret", "", null, null), grant, "optional ones take their defaults");
    }

    @Test
    void listsEveryMissingFieldInFormOrder() {
        assertEquals(List.of(FieldError.missing("username"), FieldError.missing("password")), errors(form()));
        assertEquals(List.of(FieldError.missing("password")), errors(form("username", "johndoe")));
    }

    @Test
    void grantTypeOtherThanPasswordIsAPatternMismatch() {
        List<FieldError> errors = errors(form("grant_type", "client_credentials", "username", "johndoe"));

        assertEquals(List.of(
                new FieldError("string_pattern_mismatch", List.of("body", "grant_type"),
                        "String should match pattern '^password$'", "client_credentials", Map.of("pattern", "^password$")),
                FieldError.missing("password")), errors);
        assertEquals("a", PasswordGrantForm.from(form("grant_type", "", "username", "a", "password", "b")).username(),
                "an empty grant_type is not sent, as FastAPI reads forms (its issue 13533): no pattern to match");
    }

    @Test
    void neverPrintsThePassword() {
        PasswordGrantForm grant = PasswordGrantForm.from(form("username", "johndoe", "password", "hunter2-secret",
                "client_secret", "client-secret-value"));

        assertFalse(grant.toString().contains("hunter2-secret"));
        assertFalse(grant.toString().contains("client-secret-value"));
    }

    @Test
    void aRepeatedFieldIsNeverSilentlyPicked() {
        List<FieldError> errors = errors(form("username", "a", "username", "b", "password", "x", "password", "y"));

        assertEquals(List.of(FieldError.repeated("username"), FieldError.repeated("password")), errors);
        assertEquals(null, errors.get(1).input(), "passwords are not echoed");
    }
}
