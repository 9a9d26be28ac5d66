package dev.oauth2jwt.clients.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUrisTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/callback", "https://app.example.com:8443/cb?tenant=a",
            "http://localhost:5173/", "http://127.0.0.1:8080/cb", "http://[::1]:3000/cb", "com.example.app:/callback"})
    void registrable(String uri) {
        assertEquals(Optional.empty(), RedirectUris.problem(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/callback", "http://app.example.com/callback", "https://app.example.com/cb#fragment",
            "https://user:pw@app.example.com/cb", "javascript:alert(1)", "data:text/html,hi", "ftp://app.example.com/",
            "https://app.example.com/a b", "http://localhost.evil.example/cb", "https:///nohost"})
    void refused(String uri) {
        assertTrue(RedirectUris.problem(uri).isPresent(), uri);
    }
}
