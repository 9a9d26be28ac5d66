package dev.oauth2jwt.bearer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BearerCheckTest {

    @Test
    void readsTheTokenOfABearerHeaderInAnyCase() {
        assertEquals("abc.def.ghi", BearerCheck.bearerToken("Bearer abc.def.ghi"));
        assertEquals("abc.def.ghi", BearerCheck.bearerToken("bearer abc.def.ghi"));
        assertEquals("abc.def.ghi", BearerCheck.bearerToken("BEARER abc.def.ghi"));
    }

    @Test
    void noHeaderAnEmptyOneOrAnotherSchemeIsNoToken() {
        assertNull(BearerCheck.bearerToken(null));
        assertNull(BearerCheck.bearerToken(""));
        assertNull(BearerCheck.bearerToken("Basic am9objpzZWNyZXQ="));
        assertNull(BearerCheck.bearerToken("Bearerabc"));
        assertNull(BearerCheck.bearerToken("Token abc"));
    }

    @Test
    void likeFastApiEverythingAfterTheFirstSpaceIsTheToken() {
        assertEquals("", BearerCheck.bearerToken("Bearer"));
        assertEquals("", BearerCheck.bearerToken("Bearer "));
        assertEquals(" abc", BearerCheck.bearerToken("Bearer  abc"));
    }

    @Test
    void recognisesRfc6750Tokens() {
        assertEquals(true, BearerCheck.isB64Token("eyJh.bGci-Oi_J~I+Uz/I1=="));
        assertEquals(true, BearerCheck.isB64Token("a"));
        assertEquals(false, BearerCheck.isB64Token(""));
        assertEquals(false, BearerCheck.isB64Token("=="));
        assertEquals(false, BearerCheck.isB64Token("a=b"));
        assertEquals(false, BearerCheck.isB64Token("a b"));
        assertEquals(false, BearerCheck.isB64Token("a\"b"));
    }
}
