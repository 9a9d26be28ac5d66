package dev.oauth2jwt.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a login was proven, as ID tokens say it (RFC 8176's amr) and at which level (acr). */
class AuthenticationMethodsTest {

    @Test
    void aPasswordAloneIsOneFactorAtLevelOne() {
        AuthenticationMethods password = AuthenticationMethods.PASSWORD_ONLY;
        assertEquals(List.of("pwd"), password.claim());
        assertEquals("1", password.acr());
        assertFalse(password.secondFactor());
        assertTrue(password.satisfies("1"));
        assertFalse(password.satisfies("2"));
        assertFalse(password.satisfies("3"), "a level never offered");
    }

    @Test
    void aPasswordAndACodeOrAPasskeyAreTwoFactors() {
        AuthenticationMethods code = AuthenticationMethods.passwordAnd(AuthenticationMethods.ONE_TIME_CODE);
        assertEquals(List.of("pwd", "otp", "mfa"), code.claim());
        assertEquals("2", code.acr());
        assertTrue(code.satisfies("2") && code.satisfies("1"));
        AuthenticationMethods passkey = AuthenticationMethods.passwordAnd(AuthenticationMethods.HARDWARE_KEY,
                AuthenticationMethods.USER_PRESENCE);
        assertEquals(List.of("pwd", "hwk", "user", "mfa"), passkey.claim());
        assertEquals("2", passkey.acr());
    }

    @Test
    void aPasskeyAloneIsTwoFactorsOnlyWhenItVerifiedThePerson() {
        assertEquals(List.of("hwk", "user", "mfa"), AuthenticationMethods.passkey(true).claim());
        assertEquals("2", AuthenticationMethods.passkey(true).acr());
        assertEquals(List.of("hwk", "user"), AuthenticationMethods.passkey(false).claim());
        assertEquals("1", AuthenticationMethods.passkey(false).acr());
    }

    @Test
    void storedAsSpacedWordsAndReadBackRowsFromBeforeAsPasswordLogins() {
        AuthenticationMethods code = AuthenticationMethods.passwordAnd(AuthenticationMethods.ONE_TIME_CODE);
        assertEquals("pwd otp mfa", code.stored());
        assertEquals(code, AuthenticationMethods.parse("pwd otp mfa"));
        assertEquals(AuthenticationMethods.PASSWORD_ONLY, AuthenticationMethods.parse(null));
        assertEquals(AuthenticationMethods.PASSWORD_ONLY, AuthenticationMethods.parse(" "));
    }
}
