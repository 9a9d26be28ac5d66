package dev.oauth2jwt.http.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharsetCheckTest {

    @Test
    void theCharsetParameterIsFoundWhereverItIsAndUnquoted() {
        assertEquals("utf-8", CharsetCheck.charsetOf("application/x-www-form-urlencoded; charset=utf-8"));
        assertEquals("no-such-charset", CharsetCheck.charsetOf("application/json;q=1; CHARSET=\"no-such-charset\""));
        assertNull(CharsetCheck.charsetOf("application/json"));
        assertNull(CharsetCheck.charsetOf(null));
    }

    @Test
    void onlyCharsetsTheJvmKnowsAreSupported() {
        assertTrue(CharsetCheck.isSupported("UTF-8"));
        assertFalse(CharsetCheck.isSupported("no-such-charset"));
        assertFalse(CharsetCheck.isSupported("not a name"));
    }
}
