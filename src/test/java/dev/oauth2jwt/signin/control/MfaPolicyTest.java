package dev.oauth2jwt.signin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.users.entity.User;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MFA_REQUIRED: whom it names, and a wrong value stops the start. */
class MfaPolicyTest {

    static final User ADMIN = new User("root", null, null, "x", false, Set.of("me", "admin"));
    static final User PERSON = new User("carol", null, null, "x", false, Set.of("me"));

    static MfaPolicy policy(String setting) {
        MfaPolicy policy = new MfaPolicy();
        policy.setting = setting;
        policy.read();
        return policy;
    }

    @Test
    void namesNobodyTheAdministratorsOrEveryone() {
        assertFalse(policy("none").requiredFor(ADMIN));
        assertTrue(policy("admins").requiredFor(ADMIN));
        assertFalse(policy("admins").requiredFor(PERSON));
        assertTrue(policy(" ALL ").requiredFor(PERSON));
        assertEquals(MfaPolicy.Required.ADMINS, policy("Admins").required());
    }

    @Test
    void anythingElseStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> policy("sometimes"));
        assertEquals("MFA_REQUIRED is 'sometimes'; it must be none, admins or all", refused.getMessage());
    }
}
