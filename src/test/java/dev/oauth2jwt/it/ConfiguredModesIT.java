package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.ServerTestBase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jwts;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The optional settings: RFC 6750 error codes (AUTH_ERRORS=rfc6750), a rotated key
 * (JWT_PREVIOUS_SECRETS), a required issuer, and room for a single password hash at a time.
 */
class ConfiguredModesIT extends ServerTestBase {

    static final String PREVIOUS_SECRET = "the-secret-before-the-rotation-0123456789";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("auth.errors=rfc6750", "jwt.previous-secrets=" + PREVIOUS_SECRET, "jwt.issuer-required=true",
                "bcrypt.max-concurrent=1", "bcrypt.max-waiting=0");
    }

    Api.Answer me(String authorization) {
        return api.get("/users/me/", "Authorization", authorization);
    }

    @Test
    void aBadTokenNamesInvalidTokenWithTheSameStatusAndBody() {
        Api.Answer answer = me("Bearer " + Jwts.forSubject(Deployments.JWT_SECRET, "johndoe", -600));

        assertEquals(401, answer.status());
        assertEquals("{\"detail\":\"Could not validate credentials\"}", answer.body());
        assertEquals("Bearer scope=\"me\", error=\"invalid_token\"", answer.header("www-authenticate"));
    }

    @Test
    void aMalformedRequestNamesInvalidRequest() {
        for (String authorization : new String[]{"Bearer", "Bearer not a token", "Bearer " + "a".repeat(9000)}) {
            Api.Answer answer = me(authorization);
            assertEquals(401, answer.status(), answer::toString);
            assertEquals("Bearer scope=\"me\", error=\"invalid_request\"", answer.header("www-authenticate"));
        }
    }

    @Test
    void aMissingScopeIs403InsufficientScope() {
        String itemsOnly = api.login("johndoe", "secret", "items").getString("access_token");

        Api.Answer answer = me("Bearer " + itemsOnly);

        assertEquals(403, answer.status());
        assertEquals("{\"detail\":\"Not enough permissions\"}", answer.body());
        assertEquals("Bearer scope=\"me\", error=\"insufficient_scope\"", answer.header("www-authenticate"));
    }

    @Test
    void noCredentialsAtAllGetsNoErrorCode() {
        Api.Answer answer = api.get("/users/me/");

        assertEquals(401, answer.status());
        assertEquals("{\"detail\":\"Not authenticated\"}", answer.body());
        assertEquals("Bearer", answer.header("www-authenticate"), "RFC 6750 section 3.1");
    }

    @Test
    void tokensOfThePreviousSecretStillWork() {
        // issued before the rotation, by this service: no kid on the old ones, our issuer
        long exp = System.currentTimeMillis() / 1000 + 600;
        String old = Jwts.hs256(PREVIOUS_SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iss\":\"oauth2-jwt\"}");
        assertEquals(200, me("Bearer " + old).status());
    }

    @Test
    void withTheIssuerRequiredATokenWithoutOneIsRefused() {
        Api.Answer answer = me("Bearer " + Jwts.forSubject(Deployments.JWT_SECRET, "johndoe", 600));

        assertEquals(401, answer.status());
        assertEquals(200, me("Bearer " + api.login("johndoe", "secret")).status(), "ours carry it");
    }

    @Test
    void newTokensAreSignedWithTheCurrentSecret() {
        String token = api.login("johndoe", "secret");

        assertEquals(Jwts.signatureWith(Deployments.JWT_SECRET, token), token.split("\\.")[2]);
        assertTrue(Jwts.part(token, 0).contains("\"kid\""));
    }

    @Test
    void loginsBeyondTheHashingCapacityGet503WithRetryAfter() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Api.Answer>>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> api.postForm("/token", "username=johndoe&password=secret")));
            }
            int ok = 0;
            int busy = 0;
            for (var answer : answers) {
                Api.Answer done = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (done.status() == 503) {
                    busy++;
                    assertEquals("{\"detail\":\"Server busy, retry later\"}", done.body());
                    assertEquals("1", done.header("retry-after"));
                } else {
                    assertEquals(200, done.status(), done::toString);
                    ok++;
                }
            }
            assertTrue(ok >= 1 && busy >= 1, ok + " logged in, " + busy + " told to retry");
        } finally {
            pool.shutdownNow();
        }
    }
}
