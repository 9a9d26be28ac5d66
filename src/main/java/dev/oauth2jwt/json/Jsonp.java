package dev.oauth2jwt.json;

import jakarta.json.spi.JsonProvider;

/**
 * JSON-P's provider, looked up once. Each of {@code jakarta.json.Json}'s static methods looks it up
 * again through the ServiceLoader, which on Payara Micro scans every jar of the class path: a
 * quarter of {@code GET /userinfo}'s time (JFR, docs/benchmarks.md "Versus Keycloak").
 * {@code ArchitectureTest} keeps {@code Json}'s static methods out of the code.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }
}
