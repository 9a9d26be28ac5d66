package dev.oauth2jwt.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BearerFilterTest {

    @Test
    void readsTheTokenOfABearerHeaderInAnyCase() {
        assertEquals("abc.def.ghi", BearerFilter.bearerToken("Bearer abc.def.ghi"));
        assertEquals("abc.def.ghi", BearerFilter.bearerToken("bearer abc.def.ghi"));
        assertEquals("abc.def.ghi", BearerFilter.bearerToken("BEARER abc.def.ghi"));
    }

    @Test
    void noHeaderAnEmptyOneOrAnotherSchemeIsNoToken() {
        assertNull(BearerFilter.bearerToken(null));
        assertNull(BearerFilter.bearerToken(""));
        assertNull(BearerFilter.bearerToken("Basic am9objpzZWNyZXQ="));
        assertNull(BearerFilter.bearerToken("Bearerabc"));
        assertNull(BearerFilter.bearerToken("Token abc"));
    }

    @Test
    void likeFastApiEverythingAfterTheFirstSpaceIsTheToken() {
        assertEquals("", BearerFilter.bearerToken("Bearer"));
        assertEquals("", BearerFilter.bearerToken("Bearer "));
        assertEquals(" abc", BearerFilter.bearerToken("Bearer  abc"));
    }

    @Test
    void recognisesRfc6750Tokens() {
        assertEquals(true, BearerFilter.isB64Token("eyJh.bGci-Oi_J~I+Uz/I1=="));
        assertEquals(true, BearerFilter.isB64Token("a"));
        assertEquals(false, BearerFilter.isB64Token(""));
        assertEquals(false, BearerFilter.isB64Token("=="));
        assertEquals(false, BearerFilter.isB64Token("a=b"));
        assertEquals(false, BearerFilter.isB64Token("a b"));
        assertEquals(false, BearerFilter.isB64Token("a\"b"));
    }
}
