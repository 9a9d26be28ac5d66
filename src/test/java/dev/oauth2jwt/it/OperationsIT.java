package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.DefaultServerTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health checks and metrics, as an operator's probes and Prometheus see them. */
class OperationsIT extends DefaultServerTest {

    @Test
    void readinessChecksTheDatabaseAndTheSigningKey() {
        Api.Answer ready = health("ready");

        assertEquals(200, ready.status(), ready::toString);
        JsonObject check = oauth2JwtCheck(ready);
        assertEquals("UP", check.getString("status"));
        assertEquals("UP", check.getJsonObject("data").getString("database"));
        assertEquals("UP", check.getJsonObject("data").getString("signing-key"));
    }

    @Test
    void livenessIsUp() {
        Api.Answer live = health("live");

        assertEquals(200, live.status(), live::toString);
        assertEquals("UP", oauth2JwtCheck(live).getString("status"));
    }

    @Test
    void metricsCountLoginsByOutcomeAndRefusedTokensByReason() {
        double successes = sample("oauth2jwt_logins_total\\{outcome=\"success\"}");
        double failures = sample("oauth2jwt_logins_total\\{outcome=\"failure\"}");
        double badSignatures = sample("oauth2jwt_tokens_refused_total\\{reason=\"invalid signature\"}");
        double checks = sample("oauth2jwt_token_check_seconds_count");

        String token = api.login("johndoe", "secret");
        api.postForm("/token", "username=johndoe&password=wrong-password", "X-Forwarded-For", "198.51.100.80");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        assertEquals(401, api.get("/users/me/", "Authorization", "Bearer " + forged).status());
        assertEquals(200, api.get("/users/me/", "Authorization", "Bearer " + token).status());

        assertEquals(successes + 1, sample("oauth2jwt_logins_total\\{outcome=\"success\"}"));
        assertEquals(failures + 1, sample("oauth2jwt_logins_total\\{outcome=\"failure\"}"));
        assertEquals(badSignatures + 1, sample("oauth2jwt_tokens_refused_total\\{reason=\"invalid signature\"}"));
        assertEquals(checks + 2, sample("oauth2jwt_token_check_seconds_count"));
        assertTrue(sample("oauth2jwt_refresh_tokens_active") >= 1, "the login's refresh token");
    }

    @Test
    void metricsAreThePrometheusTextFormat() {
        Api.Answer page = api.get("/metrics");

        assertEquals(200, page.status(), page::toString);
        assertEquals("text/plain;version=0.0.4;charset=utf-8", page.header("content-type").replace(" ", "").toLowerCase());
        assertTrue(page.body().contains("# TYPE oauth2jwt_login_seconds histogram"), page.body());
        assertTrue(page.body().contains("# TYPE oauth2jwt_refresh_tokens_active gauge"), page.body());
    }

    /** Payara serves health beside the application; WildFly on its management port (it.health.url). */
    private Api.Answer health(String kind) {
        String elsewhere = System.getProperty("it.health.url", "");
        return elsewhere.isBlank() ? api.get("/health/" + kind) : Api.at(elsewhere).get("/health/" + kind);
    }

    private JsonObject oauth2JwtCheck(Api.Answer health) {
        return health.json().asJsonObject().getJsonArray("checks").stream()
                .map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals("oauth2-jwt"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no oauth2-jwt check in " + health.body()));
    }

    private double sample(String series) {
        String page = api.get("/metrics").body();
        Matcher value = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(page);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
