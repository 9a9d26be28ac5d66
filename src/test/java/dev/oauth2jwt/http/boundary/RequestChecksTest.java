package dev.oauth2jwt.http.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestChecksTest {

    @Test
    void theCharsetParameterIsFoundWhereverItIsAndUnquoted() {
        assertEquals("utf-8", RequestChecks.charsetOf("application/x-www-form-urlencoded; charset=utf-8"));
        assertEquals("no-such-charset", RequestChecks.charsetOf("application/json;q=1; CHARSET=\"no-such-charset\""));
        assertNull(RequestChecks.charsetOf("application/json"));
        assertNull(RequestChecks.charsetOf(null));
    }

    @Test
    void onlyCharsetsTheJvmKnowsAreSupported() {
        assertTrue(RequestChecks.isSupported("UTF-8"));
        assertFalse(RequestChecks.isSupported("no-such-charset"));
        assertFalse(RequestChecks.isSupported("not a name"));
    }

    @Test
    void everyContentTypeHeaderIsChecked() {
        assertTrue(RequestChecks.charsetsSupported(null));
        assertTrue(RequestChecks.charsetsSupported(Collections.emptyEnumeration()));
        assertTrue(RequestChecks.charsetsSupported(Collections.enumeration(List.of("application/json", "text/plain; charset=utf-8"))));
        assertFalse(RequestChecks.charsetsSupported(Collections.enumeration(List.of("application/json", "text/plain; charset=no-such"))));
    }

    @Test
    void aNulIsFoundEncodedOrRaw() {
        assertTrue(RequestChecks.holdsNul("/users/a%00b"));
        assertTrue(RequestChecks.holdsNul("q=%00"));
        assertTrue(RequestChecks.holdsNul("a\0b"));
        assertFalse(RequestChecks.holdsNul("/users/a%20b%0"));
        assertFalse(RequestChecks.holdsNul("/users/%100"));
        assertFalse(RequestChecks.holdsNul(null));
    }

    @Test
    void theServersOpenApiPathsAreFoundHoweverTheServletSplitsThem() {
        assertTrue(RequestChecks.isServersOpenApi("", "/openapi"), "JAX-RS at /*");
        assertTrue(RequestChecks.isServersOpenApi("", "/openapi/application.wadl"));
        assertTrue(RequestChecks.isServersOpenApi("/openapi", null), "a servlet at /openapi/*");
        assertTrue(RequestChecks.isServersOpenApi("/openapi", "/"));
        assertFalse(RequestChecks.isServersOpenApi("", "/openapi.json"), "the application's document");
        assertFalse(RequestChecks.isServersOpenApi("/openapi.json", null));
        assertFalse(RequestChecks.isServersOpenApi("", "/openapis"));
        assertFalse(RequestChecks.isServersOpenApi("", "/docs"));
    }
}
