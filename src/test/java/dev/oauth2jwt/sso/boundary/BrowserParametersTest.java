package dev.oauth2jwt.sso.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The browser's parameters: once each, no NUL, bounded; a refusal is a page, never a redirect carrying them. */
class BrowserParametersTest {

    static MultivaluedMap<String, String> of(String... pairs) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void singleValuesAreReadAndEmptyOnesCountAsAbsent() {
        BrowserParameters.Read read = BrowserParameters.of(of("client_id", "app", "state", ""));
        assertEquals(Map.of("client_id", "app"), ((BrowserParameters.Read.Parameters) read).values());
    }

    @Test
    void twiceANulOrTooLongIsRefused() {
        assertInstanceOf(BrowserParameters.Read.Refused.class, BrowserParameters.of(of("state", "a", "state", "b")));
        assertInstanceOf(BrowserParameters.Read.Refused.class, BrowserParameters.of(of("client_id", "a\0b")));
        assertInstanceOf(BrowserParameters.Read.Refused.class, BrowserParameters.of(of("state", "s".repeat(2049))));
        assertInstanceOf(BrowserParameters.Read.Parameters.class, BrowserParameters.of(of("state", "s".repeat(2048))));
        assertInstanceOf(BrowserParameters.Read.Parameters.class, BrowserParameters.of(of("id_token_hint", "h".repeat(4000))),
                "an ID token is longer than a state");
        assertInstanceOf(BrowserParameters.Read.Refused.class, BrowserParameters.of(of("id_token_hint", "h".repeat(9000))));
    }
}
